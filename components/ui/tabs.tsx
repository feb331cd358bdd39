"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

export type TabLink = { href: string; label: string; count?: number; current?: boolean };

/**
 * Tabs that are links: each has its own URL, so a tab can be shared and survives a reload. The
 * current one is `current`, or else the one whose href is the address. When the tabs are wider
 * than the screen the strip scrolls sideways, starts scrolled to the current tab, and a fade with
 * an arrow on the cut-off side shows that there is more.
 */
export function TabLinks({ tabs, label }: { tabs: TabLink[]; label: string }) {
  const pathname = usePathname();
  const strip = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ before: false, after: false });

  useEffect(() => {
    const element = strip.current;
    if (!element) return;
    const measure = () =>
      setMore({
        before: element.scrollLeft > 1,
        after: element.scrollLeft + element.clientWidth < element.scrollWidth - 1,
      });
    element.querySelector<HTMLElement>("[aria-current=page]")?.scrollIntoView({ block: "nearest", inline: "center" });
    measure();
    element.addEventListener("scroll", measure, { passive: true });
    window.addEventListener("resize", measure);
    return () => {
      element.removeEventListener("scroll", measure);
      window.removeEventListener("resize", measure);
    };
  }, []);

  return (
    <nav aria-label={label} className="relative -mb-px border-b border-slate-200">
      <div ref={strip} className="flex gap-1 overflow-x-auto [scrollbar-width:thin]" data-testid="tab-strip">
        {tabs.map((tab) => {
          const current = tab.current ?? pathname === tab.href;
          return (
            <Link
              key={tab.href}
              href={tab.href}
              aria-current={current ? "page" : undefined}
              className={`flex shrink-0 items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium ${
                current
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }`}
            >
              {tab.label}
              {tab.count !== undefined && (
                <span
                  className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${
                    current ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600"
                  }`}
                >
                  {tab.count}
                </span>
              )}
            </Link>
          );
        })}
      </div>
      {more.before && <ScrollCue side="before" />}
      {more.after && <ScrollCue side="after" />}
    </nav>
  );
}

/** A fade over the cut-off edge with an arrow; decorative (the links are all in the strip). */
function ScrollCue({ side }: { side: "before" | "after" }) {
  return (
    <span
      aria-hidden
      data-testid={`tab-scroll-cue-${side}`}
      className={`pointer-events-none absolute inset-y-0 flex w-10 items-center text-slate-500 ${
        side === "after"
          ? "right-0 justify-end bg-gradient-to-l from-slate-50 via-slate-50/90 to-transparent"
          : "left-0 justify-start bg-gradient-to-r from-slate-50 via-slate-50/90 to-transparent"
      }`}
    >
      {side === "after" ? "›" : "‹"}
    </span>
  );
}
