import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { clientDisplayName } from "@/components/account/client-name";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { DeviceView } from "@/lib/provider-pages/data";
import { readView } from "@/lib/provider-pages/read";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.device");
  return { title: t("title") };
}

/**
 * The device authorization grant's pages (RFC 8628), rendered for the provider at /oidc/device:
 * the user types the code their TV or command-line tool shows, confirms it, then signs in and
 * consents on the usual pages, and lands on the success step. Plain forms: no script needed.
 */
export default async function DevicePage() {
  const view = await readView("device");
  // Opened directly, not through the provider: start at the provider's page.
  if (!view) redirect("/oidc/device");
  if (view.step === "input") return <EnterCode view={view} />;
  if (view.step === "confirm") return <ConfirmCode view={view} />;
  return <Connected view={view} />;
}

const codeProblems = new Set(["not_found", "expired", "already_used", "no_code"]);

async function EnterCode({ view }: { view: Extract<DeviceView, { step: "input" }> }) {
  const t = await getTranslations("account.device");
  const codeError = view.problem && codeProblems.has(view.problem) ? t(`problem.${view.problem}`) : undefined;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("intro")}</p>
      <form method="post" action={view.action} noValidate className="mt-6 flex flex-col gap-4">
        <input type="hidden" name="xsrf" value={view.xsrf} />
        {view.problem === "aborted" && <Alert tone="info">{t("problem.aborted")}</Alert>}
        {view.problem === "generic" && <Alert tone="error">{t("problem.generic")}</Alert>}
        <Field
          label={t("code")}
          hint={t("codeHint")}
          name="user_code"
          defaultValue={view.userCode ?? ""}
          placeholder="BCDF-GHJK"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          autoFocus
          error={codeError}
          className="[&_input]:font-mono [&_input]:uppercase [&_input]:tracking-widest"
        />
        <Button type="submit" className="mt-2 w-full">
          {t("continue")}
        </Button>
      </form>
    </>
  );
}

async function ConfirmCode({ view }: { view: Extract<DeviceView, { step: "confirm" }> }) {
  const t = await getTranslations("account.device");
  const app = (await clientDisplayName(view.clientId, view.clientName)) || view.clientId;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("confirmHeading")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t.rich("confirmBody", { app, strong })}</p>
      <p className="mt-4 text-center font-mono text-2xl font-semibold tracking-widest text-slate-900">
        {view.userCode}
      </p>
      <p className="mt-4 text-xs text-slate-600">{t("confirmWarning")}</p>
      <form method="post" action={view.action} className="mt-6 flex flex-col-reverse gap-2 sm:flex-row">
        <input type="hidden" name="xsrf" value={view.xsrf} />
        <input type="hidden" name="user_code" value={view.userCode} />
        <Button type="submit" name="abort" value="yes" variant="secondary" className="flex-1">
          {t("cancel")}
        </Button>
        <Button type="submit" name="confirm" value="yes" className="flex-1" autoFocus>
          {t("continue")}
        </Button>
      </form>
    </>
  );
}

async function Connected({ view }: { view: Extract<DeviceView, { step: "success" }> }) {
  const t = await getTranslations("account.device");
  const app = await clientDisplayName(view.clientId, view.clientName);
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("successHeading")}</h1>
      <p role="status" className="mt-2 text-sm text-slate-600">
        {app ? t.rich("successBodyApp", { app, strong }) : t("successBody")}
      </p>
    </>
  );
}

const strong = (chunks: React.ReactNode) => <strong className="font-semibold text-slate-900">{chunks}</strong>;
