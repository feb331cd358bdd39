import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { InteractionView } from "@/lib/provider-pages/data";
import { RecoveryCodes } from "./recovery-codes";
import { TotpEnrolmentForm } from "./totp-enrolment";

type EnrolView = Extract<InteractionView, { kind: "second_factor_enrol" }>;
type CodesView = Extract<InteractionView, { kind: "recovery_codes" }>;

/** Two-factor is required and the user has none yet: set up an authenticator app, within the sign-in. */
export function SecondFactorEnrolView({ view, appName }: { view: EnrolView; appName: string }) {
  const t = useTranslations("account.secondFactor");
  const tf = useTranslations("account.twoFactor");
  const base = `/interaction/${view.uid}`;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{tf("enrolTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("enrolRequired", { app: appName })}</p>
      </div>
      <TotpEnrolmentForm
        enrolment={view.enrolment}
        action={`${base}/enrol`}
        hidden={{ csrf: view.csrf }}
        error={view.error}
        secondary={
          <Button type="submit" formAction={`${base}/abort`} formNoValidate variant="secondary" className="flex-1">
            {t("cancel")}
          </Button>
        }
      />
    </div>
  );
}

/** Right after setting up an app during sign-in: the recovery codes, once, then on to the app. */
export function RecoveryCodesView({ view, appName }: { view: CodesView; appName: string }) {
  const tf = useTranslations("account.twoFactor");
  const t = useTranslations("account.secondFactor");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold text-slate-900">{tf("recoveryTitle")}</h1>
      <RecoveryCodes codes={view.codes}>
        <form method="post" action={`/interaction/${view.uid}/enrolled`}>
          <input type="hidden" name="csrf" value={view.csrf} />
          <Button type="submit" className="w-full">
            {t("continueTo", { app: appName })}
          </Button>
        </form>
      </RecoveryCodes>
    </div>
  );
}
