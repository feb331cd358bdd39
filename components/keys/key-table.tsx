import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
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
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full table-fixed text-left text-sm">
        <caption className="sr-only">{t("listCaption")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              {t("columns.kid")}
            </th>
            <th scope="col" className="hidden w-[12%] px-4 py-3 font-medium sm:table-cell">
              {t("columns.alg")}
            </th>
            <th scope="col" className="w-28 px-4 py-3 font-medium sm:w-[14%]">
              {t("columns.status")}
            </th>
            <th scope="col" className="hidden w-[18%] px-4 py-3 font-medium md:table-cell">
              {t("columns.created")}
            </th>
            <th scope="col" className="hidden w-[26%] px-4 py-3 font-medium sm:table-cell">
              {t("columns.schedule")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.kid} data-testid={`key-${row.kid}`}>
              <td className="px-4 py-1.5">
                <div className="flex min-w-0 items-center gap-1">
                  <code className="min-w-0 truncate font-mono text-xs text-slate-800" title={row.kid}>
                    {row.kid}
                  </code>
                  <CopyButton value={row.kid} label={t("copyKid", { kid: row.kid })} />
                </div>
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
        </tbody>
      </table>
    </div>
  );
}
