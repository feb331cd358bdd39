import { useTranslations } from "next-intl";
import type { InteractionView } from "@/lib/provider-pages/data";
import { PasskeyButton } from "./passkey-button";
import { SignInForm } from "./sign-in-form";

type Props = { view: Extract<InteractionView, { kind: "login" }>; appName: string };

/** The sign-in page: which app the user is signing in to, and the form. */
export function SignInView({ view, appName }: Props) {
  const t = useTranslations("account.signIn");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        {t.rich("continueTo", {
          app: appName,
          strong: (chunks) => <strong className="font-semibold text-slate-900">{chunks}</strong>,
        })}
      </p>
      <SignInForm
        uid={view.uid}
        csrf={view.csrf}
        email={view.email ?? view.loginHint}
        error={view.error}
        retryAfter={view.retryAfter}
        fieldErrors={view.fieldErrors}
        notice={view.notice}
        registration={view.registration}
      />
      <div className="mt-4">
        <PasskeyButton base={`/interaction/${view.uid}`} csrf={view.csrf} label={t("withPasskey")} autofill />
      </div>
    </>
  );
}
