import type { ReactNode } from "react";

/** What a list shows when it has nothing yet: what belongs here, and how to add the first one. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <div className="max-w-md text-sm text-slate-600">{children}</div>
      {action}
    </div>
  );
}
