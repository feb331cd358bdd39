"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSignInStart } from "@/components/ui/use-sign-in-start";
import { CONSOLE_PROVIDER_ID } from "@/lib/console/client-id";

/**
 * Starts the OpenID sign-in at the provider. It starts by itself on arrival, except after an
 * error or a sign-out, where the admin should read the message first.
 */
export function ConsoleSignIn({
  returnTo,
  error,
  signedOut,
}: {
  returnTo: string;
  error?: string;
  signedOut: boolean;
}) {
  const t = useTranslations("console.signIn");
  const notAdmin = error === "not_admin";
  const { busy, start } = useSignInStart(
    // Someone signed in who is not an admin must be able to switch accounts.
    () => void signIn(CONSOLE_PROVIDER_ID, { callbackUrl: returnTo }, notAdmin ? { prompt: "login" } : undefined),
    Boolean(error) || signedOut,
  );

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      {signedOut && <Alert tone="success">{t("signedOut")}</Alert>}
      {error && <Alert tone="error">{notAdmin ? t("notAdmin") : t("failed")}</Alert>}
      <p className="text-sm text-slate-600">{t("explain")}</p>
      <Button onClick={start} busy={busy}>
        {notAdmin ? t("switchAccount") : t("continue")}
      </Button>
    </div>
  );
}
