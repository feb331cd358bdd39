import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { CopyCode } from "@/components/ui/copy-code";
import { DataTable } from "@/components/ui/data-table";
import type { ApplicationRowView } from "@/lib/applications/list";

type Row = ApplicationRowView & { created: string };

/** One page of applications. On phones the type and date columns give way to the name. */
export async function ApplicationTable({ rows, caption }: { rows: Row[]; caption: string }) {
  const t = await getTranslations("console.applications");
  const tt = await getTranslations("console.types");
  return (
    <DataTable
      caption={caption}
      columns={[
        { label: t("columns.name"), className: "w-[45%] sm:w-[30%]" },
        { label: t("columns.type"), className: "hidden sm:table-cell sm:w-[20%]" },
        { label: t("columns.clientId") },
        { label: t("columns.created"), className: "hidden w-[16%] md:table-cell" },
      ]}
    >
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
            {row.missingRedirect && (
              <span className="mt-1 block">
                <Badge tone="warning">{t("noRedirect")}</Badge>
              </span>
            )}
          </td>
          <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{tt(row.type)}</td>
          <td className="px-4 py-1.5">
            <CopyCode value={row.clientId} label={t("copyClientIdOf", { name: row.name })} />
          </td>
          <td className="hidden px-4 py-3 text-slate-600 md:table-cell">{row.created}</td>
        </tr>
      ))}
    </DataTable>
  );
}
