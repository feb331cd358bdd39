import { useTranslations } from "next-intl";
import type { UserScope } from "@/lib/oidc/scopes";

/** Every user scope has a title and an explanation in the `account.scopes` catalog, under its name. */
const described: Record<UserScope, true> = { profile: true, email: true, phone: true, address: true };

/** The scopes an app asks for, in plain words. */
export function ScopeList({ scopes }: { scopes: string[] }) {
  const t = useTranslations("account.scopes");
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
      {scopes.map((scope) => {
        const known = Object.hasOwn(described, scope);
        const title = known ? t(`${scope}.title`) : scope;
        const detail = known ? t(`${scope}.detail`) : t("other.detail", { scope });
        return (
          <li key={scope} className="flex gap-3 px-3 py-2.5">
            <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-500" />
            <div>
              <p className="text-sm font-medium text-slate-900">{title}</p>
              <p className="text-xs text-slate-500">{detail}</p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
