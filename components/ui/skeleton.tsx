import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

/**
 * A page's frame while it loads, shaped like the real page so nothing jumps when it arrives;
 * screen readers hear "Loading…" once.
 */
export async function PageSkeleton({ children }: { children: ReactNode }) {
  const t = await getTranslations("console.states");
  return (
    <div className="flex flex-col gap-6" aria-busy="true">
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      {children}
    </div>
  );
}

/** A grey block standing in for a heading, a tab strip or a card. */
export function SkeletonBlock({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-lg bg-slate-200/70 ${className}`} />;
}

/** A list card with `count` empty rows. */
export function SkeletonRows({ count }: { count: number }) {
  return (
    <div className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4">
      {Array.from({ length: count }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows; nothing to tell apart.
        <div key={row} className="h-9 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
