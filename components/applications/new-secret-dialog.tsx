"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";

/**
 * The one time a client secret can be read: a modal over the page (so no toast or fold hides
 * it) with the client ID and the secret, each with a copy button. It closes only after "I have
 * saved the secret" is ticked; until then Escape, the close button and the backdrop say why it
 * stays, and leaving the page asks the browser's own "leave site?" question.
 */
export function NewSecretDialog({
  appName,
  appCreated,
  clientId,
  secret,
  onSaved,
}: {
  appName: string;
  appCreated: boolean;
  clientId: string;
  secret: string;
  onSaved: () => void;
}) {
  const t = useTranslations("console.credentials");
  const [saved, setSaved] = useState(false);
  const [nudged, setNudged] = useState(false);
  const checkId = useId();

  useEffect(() => {
    if (saved) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => window.removeEventListener("beforeunload", beforeUnload);
  }, [saved]);

  const close = () => (saved ? onSaved() : setNudged(true));

  return (
    <Dialog
      open
      onClose={close}
      title={appCreated ? t("createdTitle", { name: appName }) : t("newSecretTitle")}
      description={t("freshWarning")}
    >
      <div className="flex flex-col gap-4">
        <CopyField label={t("clientId")} value={clientId} testId="new-client-id" />
        <CopyField label={t("clientSecret")} value={secret} testId="new-client-secret" />
        <label htmlFor={checkId} className="flex cursor-pointer items-start gap-3 rounded-lg bg-slate-50 p-3 text-sm">
          <input
            id={checkId}
            type="checkbox"
            checked={saved}
            onChange={(event) => {
              setSaved(event.target.checked);
              setNudged(false);
            }}
            className="mt-0.5 size-4 accent-brand-600"
          />
          <span className="font-medium text-slate-900">{t("savedCheck")}</span>
        </label>
        {nudged && <Alert tone="error">{t("savedFirst")}</Alert>}
        <div className="flex justify-end">
          <Button type="button" disabled={!saved} onClick={onSaved}>
            {t("savedDone")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
