import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { clientDisplayName } from "@/components/account/client-name";
import { ConsentView } from "@/components/account/consent-view";
import { SelectAccountView } from "@/components/account/select-account-view";
import { SignInForm } from "@/components/account/sign-in-form";
import { readView } from "@/lib/provider-pages/read";

export async function generateMetadata(): Promise<Metadata> {
  const view = await readView("interaction");
  if (view?.kind === "select_account") return { title: (await getTranslations("account.selectAccount"))("title") };
  if (view?.kind === "consent") {
    const app = await clientDisplayName(view.client.clientId, view.client.name);
    return { title: (await getTranslations("account.consent"))("heading", { app }) };
  }
  return { title: (await getTranslations("account.signIn"))("title") };
}

export default async function InteractionPage() {
  const view = await readView("interaction");
  // Only the server renders this page with a resolved interaction; anything else is stale.
  if (!view) redirect("/error?kind=expired");
  const appName = await clientDisplayName(view.client.clientId, view.client.name);

  if (view.kind === "consent") return <ConsentView view={view} appName={appName} />;
  if (view.kind === "select_account") return <SelectAccountView view={view} appName={appName} />;

  const t = await getTranslations("account.signIn");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        {t.rich("continueTo", {
          app: appName,
          strong: (chunks) => <strong className="font-semibold text-slate-900">{chunks}</strong>,
        })}
      </p>
      <SignInForm
        uid={view.uid}
        csrf={view.csrf}
        loginHint={view.loginHint}
        initialError={view.error}
        initialRetryAfter={view.retryAfter}
        notice={view.notice}
      />
    </>
  );
}
