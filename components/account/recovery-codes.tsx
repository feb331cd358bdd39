import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * The recovery codes, shown once: each works once, when the authenticator app is not at hand.
 * `children` is what comes after (a link back, or the form that goes on to the app).
 */
export function RecoveryCodes({ codes, children }: { codes: string[]; children: ReactNode }) {
  const t = useTranslations("account.twoFactor");
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="info">{t("recoveryExplain")}</Alert>
      <div className="flex items-start gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
        <ul data-testid="recovery-codes" className="grid flex-1 grid-cols-2 gap-x-4 gap-y-1 font-mono text-sm">
          {codes.map((code) => (
            <li key={code} className="select-all text-slate-800">
              {code}
            </li>
          ))}
        </ul>
        <CopyButton value={codes.join("\n")} label={t("recoveryCodesLabel")} />
      </div>
      {children}
    </div>
  );
}
