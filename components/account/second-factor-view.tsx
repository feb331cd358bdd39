import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { InteractionView } from "@/lib/provider-pages/data";
import { PasskeyButton } from "./passkey-button";

type View = Extract<InteractionView, { kind: "second_factor" }>;

/**
 * The second step of a sign-in: the code from the authenticator app, or (after "Use a recovery
 * code") one of the recovery codes, plain forms that need no script; or a passkey, whose button
 * the pages' script shows.
 */
export function SecondFactorView({ view, appName }: { view: View; appName: string }) {
  const t = useTranslations("account.secondFactor");
  const tf = useTranslations("account.twoFactor");
  const base = `/interaction/${view.uid}`;
  const error =
    view.error === "too_many_attempts" && view.retryAfter
      ? t("tooManyAttempts", { minutes: Math.max(1, Math.ceil(view.retryAfter / 60)) })
      : view.error
        ? tf(`errors.${view.error}`)
        : undefined;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {t.rich("continueAs", {
            app: appName,
            email: view.account.email,
            strong: (chunks) => <strong className="font-semibold text-slate-900">{chunks}</strong>,
          })}
        </p>
      </div>
      {view.passkey && !view.recovery && (
        <PasskeyButton base={base} csrf={view.csrf} label={t("usePasskey")} only={!view.totp} />
      )}
      {view.totp && (
        <form method="post" action={`${base}/second-factor`} className="flex flex-col gap-4">
          <input type="hidden" name="csrf" value={view.csrf} />
          {view.recovery && <input type="hidden" name="method" value="recovery" />}
          {error && <Alert tone="error">{error}</Alert>}
          <Field
            label={view.recovery ? t("recoveryLabel") : t("codeLabel")}
            hint={view.recovery ? t("recoveryHint") : t("codeHint")}
            name="code"
            autoComplete={view.recovery ? "off" : "one-time-code"}
            inputMode={view.recovery ? "text" : "numeric"}
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            required
            autoFocus
          />
          <Button type="submit" className="w-full">
            {t("submit")}
          </Button>
        </form>
      )}
      {view.totp && (
        <a
          href={view.recovery ? base : `${base}?method=recovery`}
          className="text-sm font-medium text-brand-700 underline"
        >
          {view.recovery ? t("useApp") : t("useRecovery")}
        </a>
      )}
      <form method="post" action={`${base}/abort`}>
        <input type="hidden" name="csrf" value={view.csrf} />
        <Button type="submit" variant="ghost" className="w-full">
          {t("cancel")}
        </Button>
      </form>
    </div>
  );
}
