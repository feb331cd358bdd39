"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
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
  const [busy, setBusy] = useState(false);
  const started = useRef(false);
  const notAdmin = error === "not_admin";

  function start() {
    setBusy(true);
    // Someone signed in who is not an admin must be able to switch accounts.
    void signIn(CONSOLE_PROVIDER_ID, { callbackUrl: returnTo }, notAdmin ? { prompt: "login" } : undefined);
  }

  useEffect(() => {
    if (error || signedOut || started.current) return;
    started.current = true;
    start();
  });

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
