"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ApiError, callApi } from "@/components/console/api";
import { useFieldError } from "@/components/console/use-field-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Outcome = { ok: true; to: string; relay: string } | { ok: false; message: string };

/** "Send test email": what the relay answered is shown as it is, so an admin can fix it. */
export function TestEmailForm({ defaultTo }: { defaultTo: string }) {
  const t = useTranslations("console.email");
  const fieldError = useFieldError();
  const [to, setTo] = useState(defaultTo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const result = await callApi<{ to: string; relay: string }>("/api/v1/mail/test", {
        method: "POST",
        body: { to },
      });
      setOutcome({ ok: true, ...result });
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught.problem : undefined;
      const invalid = problem?.errors?.to?.[0];
      if (invalid) setError(fieldError(invalid));
      else setOutcome({ ok: false, message: problem?.detail ?? t("testFailedUnknown") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <Field
        label={t("testTo")}
        type="email"
        name="to"
        value={to}
        onChange={(event) => setTo(event.target.value)}
        error={error}
      />
      <div>
        <Button type="submit" busy={busy}>
          {t("testButton")}
        </Button>
      </div>
      {outcome?.ok && <Alert tone="success">{t("testSent", { to: outcome.to, relay: outcome.relay })}</Alert>}
      {outcome && !outcome.ok && <Alert tone="error">{t("testFailed", { reason: outcome.message })}</Alert>}
    </form>
  );
}
