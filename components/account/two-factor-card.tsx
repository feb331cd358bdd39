import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { TwoFactorCardData } from "@/lib/provider-pages/data";

/** The account page's two-factor section: set up an authenticator app, or see and manage it. */
export function TwoFactorCard({ data }: { data: TwoFactorCardData }) {
  const t = useTranslations("account.twoFactor");
  const hidden = <input type="hidden" name="token" value={data.token} />;
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
            <form method="post" action="/api/account/two-factor/recovery-codes" className="flex-1">
              {hidden}
              <Button type="submit" variant="secondary" className="w-full">
                {t("newRecoveryCodes")}
              </Button>
            </form>
            {!data.required && (
              <form method="post" action="/api/account/two-factor/remove" className="flex-1">
                {hidden}
                <Button type="submit" variant="secondary" className="w-full">
                  {t("remove")}
                </Button>
              </form>
            )}
          </div>
        </>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("offExplain")}</p>
          <form method="post" action="/api/account/two-factor/totp">
            {hidden}
            <Button type="submit" className="w-full">
              {t("setUp")}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}
