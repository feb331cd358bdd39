import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { InteractionView } from "@/lib/provider-pages/data";
import { AccountSwitch } from "./account-switch";
import { ApiPermissionList } from "./api-permission-list";
import { ConsentForm } from "./consent-form";
import { LogoPair } from "./logo-pair";
import { ScopeList } from "./scope-list";

type Props = { view: Extract<InteractionView, { kind: "consent" }>; appName: string };

const strong = (chunks: ReactNode) => <strong className="font-semibold break-all text-slate-900">{chunks}</strong>;

/** What a third-party app asks for, who is signed in, and where the answer goes. */
export function ConsentView({ view, appName }: Props) {
  const t = useTranslations("account.consent");
  const branding = view.client.branding;
  const link = (href: string) => (chunks: ReactNode) => (
    <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline">
      {chunks}
    </a>
  );
  const agreement = branding?.termsUrl
    ? branding.privacyUrl
      ? t.rich("agreeBoth", { app: appName, terms: link(branding.termsUrl), privacy: link(branding.privacyUrl) })
      : t.rich("agreeTerms", { app: appName, terms: link(branding.termsUrl) })
    : branding?.privacyUrl
      ? t.rich("agreePrivacy", { app: appName, privacy: link(branding.privacyUrl) })
      : undefined;
  const offlineFor = view.offline ? appName : undefined;
  return (
    <>
      <LogoPair client={view.client} name={appName} alt={t("logoAlt", { app: appName })} />
      <h1 className="text-xl font-semibold text-slate-900">{t("heading", { app: appName })}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t.rich("signedInAs", {
          email: view.account.email,
          strong: (chunks) => <strong className="font-medium break-all text-slate-900">{chunks}</strong>,
        })}
      </p>
      <AccountSwitch uid={view.uid} csrf={view.csrf} />
      {view.again && (
        <p className="mt-4 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">{t("again", { app: appName })}</p>
      )}
      <div className="my-6 flex flex-col gap-2">
        {view.scopes.length > 0 ? (
          <>
            <p className="text-sm font-medium text-slate-800">{t("willSee")}</p>
            <ScopeList scopes={view.scopes} offlineFor={offlineFor} />
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">{t("identityOnly")}</p>
            {offlineFor && <ScopeList scopes={[]} offlineFor={offlineFor} />}
          </>
        )}
        {view.apis.length > 0 && <ApiPermissionList apis={view.apis} />}
      </div>
      {view.returnTo && (
        <p className="mb-4 text-sm text-slate-600" data-testid="return-to">
          {t.rich("returnTo", { origin: view.returnTo, strong })}
        </p>
      )}
      {agreement && <p className="mb-4 text-sm text-slate-600">{agreement}</p>}
      <ConsentForm uid={view.uid} csrf={view.csrf} />
      <p className="mt-4 text-xs text-slate-600">{t("trustNote")}</p>
    </>
  );
}
