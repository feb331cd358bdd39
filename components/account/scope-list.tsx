import { useTranslations } from "next-intl";
import type { UserScope } from "@/lib/oidc/scopes";

/** Every user scope has a title and an explanation in the `account.scopes` catalog, under its name. */
const described: Record<UserScope, true> = { profile: true, email: true, phone: true, address: true, roles: true };

function Item({ title, detail }: { title: string; detail: string }) {
  return (
    <li className="flex gap-3 px-3 py-2.5">
      <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-500" />
      <div>
        <p className="text-sm font-medium text-slate-900">{title}</p>
        <p className="text-xs text-slate-600">{detail}</p>
      </div>
    </li>
  );
}

/**
 * The scopes an app asks for, in plain words. `offlineFor` names the app when it also asks to
 * keep access while the user is away (offline_access, which brings it a refresh token).
 */
export function ScopeList({ scopes, offlineFor }: { scopes: string[]; offlineFor?: string }) {
  const t = useTranslations("account.scopes");
  const tc = useTranslations("account.consent.offline");
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
      {scopes.map((scope) => {
        const known = Object.hasOwn(described, scope);
        const title = known ? t(`${scope}.title`) : scope;
        const detail = known ? t(`${scope}.detail`) : t("other.detail", { scope });
        return <Item key={scope} title={title} detail={detail} />;
      })}
      {offlineFor && <Item title={tc("title", { app: offlineFor })} detail={tc("detail", { app: offlineFor })} />}
    </ul>
  );
}
