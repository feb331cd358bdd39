import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { CopyCode } from "@/components/ui/copy-code";
import { DataTable } from "@/components/ui/data-table";
import type { KeyStatus } from "@/lib/oidc/key-schedule";

export type KeyRow = {
  kid: string;
  alg: string;
  status: KeyStatus;
  created: string;
  /** Next keys: when the key starts signing; previous keys: when it leaves the JWKS. */
  when?: string;
};

const tones = { current: "success", next: "brand", previous: "neutral" } as const;

/** The published keys, signing keys first. On phones the algorithm, date and schedule move under the key ID. */
export async function KeyTable({ rows }: { rows: KeyRow[] }) {
  const t = await getTranslations("keys");
  const schedule = (row: KeyRow) =>
    row.status === "current" ? t("schedule.current") : t(`schedule.${row.status}`, { time: row.when ?? "" });
  return (
    <DataTable
      caption={t("listCaption")}
      columns={[
        { label: t("columns.kid") },
        { label: t("columns.alg"), className: "hidden w-[12%] sm:table-cell" },
        { label: t("columns.status"), className: "w-28 sm:w-[14%]" },
        { label: t("columns.created"), className: "hidden w-[18%] md:table-cell" },
        { label: t("columns.schedule"), className: "hidden w-[26%] sm:table-cell" },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.kid} data-testid={`key-${row.kid}`}>
          <td className="px-4 py-1.5">
            <CopyCode value={row.kid} label={t("copyKid", { kid: row.kid })} />
            <p className="pb-1.5 text-xs text-slate-600 sm:hidden">
              {row.alg} · {schedule(row)}
            </p>
            <p className="hidden pb-1.5 text-xs text-slate-600 sm:block md:hidden">
              {t("createdOn", { date: row.created })}
            </p>
          </td>
          <td className="hidden px-4 py-3 font-mono text-xs text-slate-700 sm:table-cell">{row.alg}</td>
          <td className="px-4 py-3">
            <Badge tone={tones[row.status]}>{t(`status.${row.status}`)}</Badge>
          </td>
          <td className="hidden px-4 py-3 text-slate-600 md:table-cell">{row.created}</td>
          <td className="hidden px-4 py-3 text-slate-600 sm:table-cell">{schedule(row)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
