import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppLogo } from "@/components/account/app-logo";
import { ConsentForm } from "@/components/account/consent-form";
import { ScopeList } from "@/components/account/scope-list";
import { SignInForm } from "@/components/account/sign-in-form";
import { readView } from "@/lib/provider-pages/read";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.signIn");
  return { title: t("title") };
}

export default async function InteractionPage() {
  const view = await readView("interaction");
  // Only the server renders this page with a resolved interaction; anything else is stale.
  if (!view) redirect("/error?kind=expired");

  if (view.kind === "login") {
    const t = await getTranslations("account.signIn");
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          {t.rich("continueTo", {
            app: view.client.name,
            strong: (chunks) => <strong className="font-semibold text-slate-900">{chunks}</strong>,
          })}
        </p>
        <SignInForm
          uid={view.uid}
          csrf={view.csrf}
          loginHint={view.loginHint}
          initialError={view.error}
          initialRetryAfter={view.retryAfter}
        />
      </>
    );
  }

  const t = await getTranslations("account.consent");
  const branding = view.client.branding;
  const link = (href: string) => (chunks: React.ReactNode) => (
    <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline">
      {chunks}
    </a>
  );
  const agreement = branding?.termsUrl
    ? branding.privacyUrl
      ? t.rich("agreeBoth", {
          app: view.client.name,
          terms: link(branding.termsUrl),
          privacy: link(branding.privacyUrl),
        })
      : t.rich("agreeTerms", { app: view.client.name, terms: link(branding.termsUrl) })
    : branding?.privacyUrl
      ? t.rich("agreePrivacy", { app: view.client.name, privacy: link(branding.privacyUrl) })
      : undefined;
  return (
    <>
      {branding?.logoUrl && (
        <div className="mb-4 flex justify-center">
          <AppLogo
            src={branding.logoUrl}
            darkSrc={branding.logoDarkUrl}
            alt={t("logoAlt", { app: view.client.name })}
          />
        </div>
      )}
      <h1 className="text-xl font-semibold text-slate-900">{t("heading", { app: view.client.name })}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t.rich("signedInAs", {
          email: view.account.email,
          strong: (chunks) => <strong className="font-medium text-slate-900">{chunks}</strong>,
        })}
      </p>
      <div className="my-6 flex flex-col gap-2">
        {view.scopes.length > 0 ? (
          <>
            <p className="text-sm font-medium text-slate-800">{t("willSee")}</p>
            <ScopeList scopes={view.scopes} />
          </>
        ) : (
          <p className="text-sm text-slate-700">{t("identityOnly")}</p>
        )}
      </div>
      {agreement && <p className="mb-4 text-sm text-slate-600">{agreement}</p>}
      <ConsentForm uid={view.uid} csrf={view.csrf} appName={view.client.name} />
      <p className="mt-4 text-xs text-slate-500">{t("trustNote")}</p>
    </>
  );
}
