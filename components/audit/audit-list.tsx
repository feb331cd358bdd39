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

/** The events, each with its before/after as a small table of changed fields. */
export async function AuditList({ events }: { events: Event[] }) {
  const t = await getTranslations("console.audit");
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
                <table className="w-full text-left text-xs">
                  <thead className="text-slate-500">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">
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
                        <td className="py-0.5 pr-3 font-sans text-slate-600">{field}</td>
                        <td className="max-w-64 truncate py-0.5 pr-3 text-red-700">
                          {event.before && field in event.before ? show(event.before[field]) : "—"}
                        </td>
                        <td className="max-w-64 truncate py-0.5 text-emerald-700">
                          {event.after && field in event.after ? show(event.after[field]) : "—"}
                        </td>
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
