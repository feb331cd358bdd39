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
      {data.totp ? (
        <>
          <p className="text-sm text-slate-700" data-testid="two-factor-status">
            {t("onSince", { date: data.totp.enabledAt })}
          </p>
          <p className="text-xs text-slate-600">
            {data.totp.lastUsedAt ? t("lastUsed", { date: data.totp.lastUsedAt }) : null}{" "}
            {t("recoveryLeft", { count: data.totp.recoveryCodesLeft })}
          </p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <PostButton
              action="/api/account/two-factor/recovery-codes"
              token={data.token}
              label={t("newRecoveryCodes")}
            />
          </div>
          {!data.required && <RemoveForm data={data} />}
        </>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("offExplain")}</p>
          <PostButton action="/api/account/two-factor/totp" token={data.token} label={t("setUp")} primary />
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

/** One action as a plain form post carrying the anti-forgery token (works without a script). */
function PostButton({
  action,
  token,
  label,
  primary,
}: {
  action: string;
  token: string;
  label: string;
  primary?: boolean;
}) {
  return (
    <form method="post" action={action} className="flex-1">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" variant={primary ? "primary" : "secondary"} className="w-full">
        {label}
      </Button>
    </form>
  );
}
