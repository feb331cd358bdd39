import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { DeviceView } from "@/lib/provider-pages/data";
import { useClientName } from "./client-name";

/**
 * The device authorization grant's pages (RFC 8628), at /oidc/device: the user types the code
 * their TV or command-line tool shows, confirms it, then signs in and consents on the usual
 * pages, and lands on the success step. Plain forms: no script needed.
 */
export function DeviceSteps({ view }: { view: DeviceView }) {
  if (view.step === "input") return <EnterCode view={view} />;
  if (view.step === "confirm") return <ConfirmCode view={view} />;
  return <Connected view={view} />;
}

const codeProblems = new Set(["not_found", "expired", "already_used", "no_code"]);
const strong = (chunks: ReactNode) => <strong className="font-semibold text-slate-900">{chunks}</strong>;

function EnterCode({ view }: { view: Extract<DeviceView, { step: "input" }> }) {
  const t = useTranslations("account.device");
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

function ConfirmCode({ view }: { view: Extract<DeviceView, { step: "confirm" }> }) {
  const t = useTranslations("account.device");
  const app = useClientName()(view.clientId, view.clientName) || view.clientId;
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

function Connected({ view }: { view: Extract<DeviceView, { step: "success" }> }) {
  const t = useTranslations("account.device");
  const app = useClientName()(view.clientId, view.clientName);
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("successHeading")}</h1>
      <p role="status" className="mt-2 text-sm text-slate-600">
        {app ? t.rich("successBodyApp", { app, strong }) : t("successBody")}
      </p>
    </>
  );
}
