"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApiError, callApi } from "../console/api";

/** Emails the user a link that proves their address (shown while it is not verified). */
export function SendVerificationButton({ userId, email }: { userId: string; email: string }) {
  const t = useTranslations("console.users");
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  async function send() {
    setBusy(true);
    try {
      const result = await callApi<{ emailSent: boolean; emailError?: string }>(
        `/api/v1/users/${userId}/verification`,
        { method: "POST" },
      );
      if (result.emailSent) toast.success(t("verificationSent", { email }));
      else toast.error(t("verificationNotSent", { reason: result.emailError ?? "" }));
    } catch (error) {
      toast.error(t("verificationNotSent", { reason: error instanceof ApiError ? (error.problem.detail ?? "") : "" }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant="secondary" busy={busy} onClick={send} className="w-fit">
      {t("sendVerification")}
    </Button>
  );
}
