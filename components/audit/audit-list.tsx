import Link from "next/link";
import { getTranslations } from "next-intl/server";

type Event = {
  id: string;
  at: string;
  type: string;
  actor: string;
  application?: { id: string; name: string };
  user?: { id: string; email: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
};

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
/** Longer values than this start folded, so a row stays one line on a phone until opened. */
const FOLD_AT = 32;

/** One before or after value: in full when short, else its start with a toggle to read the rest. */
function DiffValue({ value, showFull }: { value: string; showFull: string }) {
  if (value.length <= FOLD_AT) return <span className="break-all">{value}</span>;
  return (
    <details className="group">
      {/* The summary is the value: its start while folded, all of it once opened (a click folds it again). */}
      <summary className="cursor-pointer break-all marker:text-slate-400" title={showFull}>
        <span className="group-open:hidden">{value.slice(0, FOLD_AT)}…</span>
        <span className="hidden whitespace-pre-wrap group-open:inline">{value}</span>
      </summary>
    </details>
  );
}

/** The events, each with its before/after as a small table of changed fields. */
export async function AuditList({ events }: { events: Event[] }) {
  const t = await getTranslations("console.audit");
  // Fields are shown by their label; one the catalog does not know yet keeps its own name.
  const fieldLabel = (field: string) =>
    t.has(`fields.${field}` as "fields.name") ? t(`fields.${field}` as "fields.name") : field;
  const cell = (side: Record<string, unknown> | null, field: string) =>
    side && field in side ? <DiffValue value={show(side[field])} showFull={t("showFull")} /> : "—";
  return (
    <ol className="flex flex-col divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
      {events.map((event) => {
        const fields = [...new Set([...Object.keys(event.before ?? {}), ...Object.keys(event.after ?? {})])];
        return (
          <li key={event.id} className="flex flex-col gap-2 px-4 py-3" data-testid="audit-event">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
              <span className="font-medium text-slate-900">
                {t(`types.${event.type.replace(".", "_")}` as "types.app_created")}
              </span>
              <span className="text-slate-600">{t("by", { actor: event.actor || t("system") })}</span>
              {event.application && (
                <Link href={`/applications/${event.application.id}`} className="text-brand-700 hover:underline">
                  {event.application.name}
                </Link>
              )}
              {event.user && (
                <Link href={`/users/${event.user.id}`} className="text-brand-700 hover:underline">
                  {event.user.email}
                </Link>
              )}
              <span className="ml-auto text-xs text-slate-500">
                <time>{event.at}</time>
                {event.ip && ` · ${event.ip}`}
              </span>
            </div>
            {fields.length > 0 && (
              <div className="overflow-x-auto">
                <table className="w-full table-fixed text-left text-xs">
                  <thead className="text-slate-500">
                    <tr>
                      <th scope="col" className="w-1/4 py-1 pr-3 font-medium">
                        {t("field")}
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        {t("before")}
                      </th>
                      <th scope="col" className="py-1 font-medium">
                        {t("after")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="font-mono text-slate-700">
                    {fields.map((field) => (
                      <tr key={field}>
                        <td className="py-0.5 pr-3 align-top font-sans text-slate-600">{fieldLabel(field)}</td>
                        <td className="py-0.5 pr-3 align-top text-red-700">{cell(event.before, field)}</td>
                        <td className="py-0.5 align-top text-emerald-700">{cell(event.after, field)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
