import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Field } from "@/components/ui/field";
import type { SecondFactorError, TotpEnrolment } from "@/lib/provider-pages/data";

type Props = {
  enrolment: TotpEnrolment;
  /** Where the code is posted, and the hidden fields (anti-forgery token) the post carries. */
  action: string;
  hidden: Record<string, string>;
  error?: SecondFactorError;
  /** A way out (cancel), beside the button. */
  secondary?: ReactNode;
};

/**
 * Adding an authenticator app: scan the QR code (or type the secret), then type the code the app
 * shows, which proves the secret arrived. A plain form: no script needed.
 */
export function TotpEnrolmentForm({ enrolment, action, hidden, error, secondary }: Props) {
  const t = useTranslations("account.twoFactor");
  return (
    <form method="post" action={action} className="flex flex-col gap-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ol className="flex list-decimal flex-col gap-1 pl-5 text-sm text-slate-700">
        <li>{t("enrolStepInstall")}</li>
        <li>{t("enrolStepScan")}</li>
        <li>{t("enrolStepCode")}</li>
      </ol>
      {/* The SVG is made on the server from the otpauth URI; a data: image needs no script. */}
      {/* biome-ignore lint/performance/noImgElement: an inline data: image, nothing for next/image to optimize */}
      <img
        src={`data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString("base64")}`}
        alt={t("qrAlt")}
        width={192}
        height={192}
        className="mx-auto size-48 rounded-lg border border-slate-200 bg-white"
        data-testid="totp-qr"
      />
      <CopyField label={t("secretLabel")} value={enrolment.secret} hint={t("secretHint")} testId="totp-secret" />
      {/* A wrong code is said beside the field; a refusal to try again yet, above it. */}
      {error === "too_many_attempts" && <Alert tone="error">{t("errors.too_many_attempts")}</Alert>}
      <Field
        label={t("codeLabel")}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={8}
        required
        error={error === "invalid_code" ? t("errors.invalid_code") : undefined}
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        {secondary}
        <Button type="submit" className="flex-1">
          {t("enrolSubmit")}
        </Button>
      </div>
    </form>
  );
}
