import type { ReactNode } from "react";

export type Column = { label: ReactNode; className?: string };

/**
 * The console's list table: a bordered card, a caption for screen readers, a quiet header row.
 * Callers give the columns (widths and which ones hide on phones, as Tailwind classes) and the
 * rows; cells are theirs, since each list lays its cells out differently.
 */
export function DataTable({ caption, columns, children }: { caption: string; columns: Column[]; children: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full table-fixed text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table and never reorder.
              <th key={index} scope="col" className={`px-4 py-3 font-medium ${column.className ?? ""}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
