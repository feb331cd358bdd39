import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

type Props = {
  /** The interaction's address; the script posts to `<base>/passkey-options` and `<base>/passkey`. */
  base: string;
  csrf: string;
  label: string;
  /** Also offer passkeys in the email field's autofill (the sign-in page). */
  autofill?: boolean;
  /** The only way on (a user whose one second factor is a passkey): says a script is needed. */
  only?: boolean;
};

/**
 * "Sign in with a passkey": hidden in the markup and shown by the pages' script
 * (lib/passkeys/page-script.ts) where the browser supports passkeys; without a script the rest
 * of the page works as before. The messages ride along, already in the reader's language.
 */
export function PasskeyButton({ base, csrf, label, autofill, only }: Props) {
  const t = useTranslations("account.passkeys");
  return (
    <>
      <div
        hidden
        data-passkey={base}
        data-csrf={csrf}
        data-autofill={autofill ? "true" : "false"}
        data-failed={t("failed")}
        data-cancelled={t("cancelled")}
        data-too-many={t("tooManyAttempts")}
        className="flex flex-col gap-2"
      >
        <div
          data-passkey-alert
          hidden
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        />
        <Button type="button" variant={only ? "primary" : "secondary"} className="w-full" data-passkey-start>
          {label}
        </Button>
      </div>
      {only && (
        <noscript>
          <p className="text-sm text-slate-700">{t("needsScript")}</p>
        </noscript>
      )}
    </>
  );
}
