"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSignInStart } from "@/components/ui/use-sign-in-start";
import { ACCOUNT_PROVIDER_ID } from "@/lib/console/client-id";

/** Sends a visitor of the account page through the provider's sign-in, then back here. */
export function AccountSignIn({ signedOut }: { signedOut: boolean }) {
  const t = useTranslations("account.account");
  const { busy, start } = useSignInStart(
    () => void signIn(ACCOUNT_PROVIDER_ID, { callbackUrl: "/account" }),
    signedOut,
  );

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      {signedOut && <Alert tone="success">{t("signedOut")}</Alert>}
      <p className="text-sm text-slate-600">{t("signInExplain")}</p>
      <Button onClick={start} busy={busy}>
        {t("signIn")}
      </Button>
    </div>
  );
}
