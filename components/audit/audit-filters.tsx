import { getTranslations } from "next-intl/server";
import { auditEventTypes } from "@/lib/audit/events";

const input = "min-h-10 rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm";

/** Filters as a GET form, so a filtered view has a URL to share. */
export async function AuditFilters({ values, invalid }: { values: Record<string, string>; invalid: boolean }) {
  const t = await getTranslations("console.audit");
  return (
    <form
      action="/audit"
      className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
    >
      <div className="flex flex-col gap-1.5">
        <label htmlFor="audit-type" className="text-sm font-medium text-slate-800">
          {t("filters.type")}
        </label>
        <select id="audit-type" name="type" defaultValue={values.type ?? ""} className={input}>
          <option value="">{t("filters.anyType")}</option>
          {auditEventTypes.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type.replace(".", "_")}`)}
            </option>
          ))}
        </select>
      </div>
      {(["applicationId", "userId"] as const).map((name) => (
        <div key={name} className="flex flex-col gap-1.5">
          <label htmlFor={`audit-${name}`} className="text-sm font-medium text-slate-800">
            {t(`filters.${name}`)}
          </label>
          <input
            id={`audit-${name}`}
            name={name}
            defaultValue={values[name] ?? ""}
            className={input}
            autoComplete="off"
          />
        </div>
      ))}
      <div className="flex flex-col gap-1.5">
        <label htmlFor="audit-from" className="text-sm font-medium text-slate-800">
          {t("filters.from")}
        </label>
        <input id="audit-from" type="date" name="from" defaultValue={values.from ?? ""} className={input} />
      </div>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="min-h-10 flex-1 rounded-lg bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700"
        >
          {t("filters.apply")}
        </button>
        <a
          href="/audit"
          className="flex min-h-10 items-center rounded-lg px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          {t("filters.clear")}
        </a>
      </div>
      {invalid && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2 lg:col-span-5">
          {t("filters.invalid")}
        </p>
      )}
    </form>
  );
}
