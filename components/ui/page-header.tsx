import type { ReactNode } from "react";

/** A console page's title, the sentence under it, and its main action on the right. */
export function PageHeader({ title, intro, action }: { title: string; intro: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{intro}</p>
      </div>
      {action}
    </div>
  );
}
