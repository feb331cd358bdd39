import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/ui/copy-button";
import type { ApplicationRowView } from "@/lib/applications/list";

type Row = ApplicationRowView & { created: string };

/** One page of applications. On phones the type and date columns give way to the name. */
export async function ApplicationTable({ rows, caption }: { rows: Row[]; caption: string }) {
  const t = await getTranslations("console.applications");
  const tt = await getTranslations("console.types");
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full table-fixed text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="w-[45%] px-4 py-3 font-medium sm:w-[30%]">
              {t("columns.name")}
            </th>
            <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell sm:w-[20%]">
              {t("columns.type")}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t("columns.clientId")}
            </th>
            <th scope="col" className="hidden w-[16%] px-4 py-3 font-medium md:table-cell">
              {t("columns.created")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link
                  href={`/applications/${row.id}`}
                  className="block truncate font-medium text-brand-700 hover:underline"
                  title={row.name}
                >
                  {row.name}
                </Link>
                <span className="text-xs text-slate-500 sm:hidden">{tt(row.type)}</span>
              </td>
              <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{tt(row.type)}</td>
              <td className="px-4 py-1.5">
                <div className="flex min-w-0 items-center gap-1">
                  <code className="min-w-0 truncate font-mono text-xs text-slate-700" title={row.clientId}>
                    {row.clientId}
                  </code>
                  <CopyButton value={row.clientId} label={t("copyClientIdOf", { name: row.name })} />
                </div>
              </td>
              <td className="hidden px-4 py-3 text-slate-600 md:table-cell">{row.created}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
