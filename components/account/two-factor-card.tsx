import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { TwoFactorCardData } from "@/lib/provider-pages/data";

/** The account page's two-factor section: set up an authenticator app, or see and manage it. */
export function TwoFactorCard({ data }: { data: TwoFactorCardData }) {
  const t = useTranslations("account.twoFactor");
  return (
    <section aria-labelledby="two-factor" className="flex flex-col gap-3">
      <h2 id="two-factor" className="text-base font-semibold text-slate-900">
        {t("heading")}
      </h2>
      {data.notice === "removed" && <Alert tone="success">{t("removed")}</Alert>}
      {data.notice === "setup_expired" && <Alert tone="warning">{t("setupExpired")}</Alert>}
      {data.totp ? (
        <>
          <p className="text-sm text-slate-700" data-testid="two-factor-status">
            {t("onSince", { date: data.totp.enabledAt })}
          </p>
          <p className="text-xs text-slate-600">
            {data.totp.lastUsedAt ? t("lastUsed", { date: data.totp.lastUsedAt }) : null}{" "}
            {t("recoveryLeft", { count: data.totp.recoveryCodesLeft })}
          </p>
          <PasswordForm
            id="two-factor-codes-password"
            action="/api/account/two-factor/recovery-codes"
            data={data}
            label={t("newRecoveryCodes")}
          />
          {!data.required && <RemoveForm data={data} />}
        </>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("offExplain")}</p>
          <PasswordForm
            id="two-factor-setup-password"
            action="/api/account/two-factor/totp"
            data={data}
            label={t("setUp")}
            primary
          />
        </>
      )}
    </section>
  );
}

/** Turning the app off: asks for a code from it (or a recovery code), so an open session is not enough. */
function RemoveForm({ data }: { data: TwoFactorCardData }) {
  const t = useTranslations("account.twoFactor");
  const refused = data.notice === "invalid_code" || data.notice === "too_many_attempts" ? data.notice : undefined;
  return (
    <form
      method="post"
      action="/api/account/two-factor/remove"
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
    >
      <input type="hidden" name="token" value={data.token} />
      <Field
        id="two-factor-remove-code"
        name="code"
        label={t("removeCodeLabel")}
        hint={t("removeCodeHint")}
        error={refused ? t(`errors.${refused}`) : undefined}
        autoComplete="one-time-code"
        className="flex-1"
        required
      />
      <Button type="submit" variant="secondary" className="sm:mb-6">
        {t("remove")}
      </Button>
    </form>
  );
}

/** The validation message for each refusal of the current password (the redirect's notice). */
const passwordErrors = {
  password_required: "passwordRequired",
  password_wrong: "currentPasswordWrong",
  password_throttled: "tooManyTries",
} as const;

/**
 * Setting up an app or making new recovery codes: a plain form post (works without a script)
 * carrying the anti-forgery token and the current password, so an open session is not enough.
 * A refused password is said beside the field, which then takes focus for keyboard and screen
 * reader users (only one of these forms is on the card at a time, so the notice is its own).
 */
function PasswordForm({
  id,
  action,
  data,
  label,
  primary,
}: {
  id: string;
  action: string;
  data: TwoFactorCardData;
  label: string;
  primary?: boolean;
}) {
  const t = useTranslations("account.edits");
  const tv = useTranslations("validation");
  const key =
    data.notice && data.notice in passwordErrors
      ? passwordErrors[data.notice as keyof typeof passwordErrors]
      : undefined;
  return (
    <form method="post" action={action} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={data.token} />
      <Field
        id={id}
        name="currentPassword"
        type="password"
        label={t("currentPassword")}
        hint={t("emailPasswordHint")}
        error={key ? tv(key) : undefined}
        autoComplete="current-password"
        autoFocus={key !== undefined}
        required
      />
      <div>
        <Button type="submit" variant={primary ? "primary" : "secondary"}>
          {label}
        </Button>
      </div>
    </form>
  );
}
