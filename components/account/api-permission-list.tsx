import { useTranslations } from "next-intl";
import type { ConsentApi } from "@/lib/provider-pages/data";

/**
 * The permissions of the organization's own APIs an app asks for, grouped by API, each with the
 * description an admin wrote for users. Those asked for the first time are marked new.
 */
export function ApiPermissionList({ apis }: { apis: ConsentApi[] }) {
  const t = useTranslations("account.consent.apis");
  return (
    <div className="flex flex-col gap-3">
      {apis.map((api) => (
        <section key={api.indicator} aria-label={api.name} data-testid="consent-api">
          <p className="text-sm font-medium text-slate-800">{t("heading", { api: api.name })}</p>
          <ul className="mt-1 divide-y divide-slate-100 rounded-lg border border-slate-200">
            {api.permissions.map((permission) => (
              <li key={permission.name} className="flex gap-3 px-3 py-2.5">
                <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-500" />
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-slate-900">
                    {permission.description || permission.name}
                    {permission.isNew && (
                      <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-800">
                        {t("new")}
                      </span>
                    )}
                  </p>
                  <p className="text-xs break-all text-slate-600">
                    {permission.isNew ? permission.name : t("granted", { permission: permission.name })}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
