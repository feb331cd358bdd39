import Link from "next/link";
import type { ReactNode } from "react";

export type TabLink = { href: string; label: ReactNode; count?: number; current: boolean };

/** Tabs that are links: each has its own URL, so a tab can be shared and survives a reload. */
export function TabLinks({ tabs, label }: { tabs: TabLink[]; label: string }) {
  return (
    <nav aria-label={label} className="-mb-px flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.current ? "page" : undefined}
          className={`flex shrink-0 items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium ${
            tab.current
              ? "border-brand-600 text-brand-700"
              : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
          }`}
        >
          {tab.label}
          {tab.count !== undefined && (
            <span
              className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${
                tab.current ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600"
              }`}
            >
              {tab.count}
            </span>
          )}
        </Link>
      ))}
    </nav>
  );
}
