"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { callApi } from "../console/api";

export type RevokeTarget = { clientId: string; name: string };

type Props = {
  app: RevokeTarget | undefined;
  onCancel: () => void;
  onRevoked: (app: RevokeTarget) => void;
};

/**
 * "Revoke access for …?" in a dialog. It opens on Cancel (the harmless choice); the caller
 * returns focus to the button that opened it.
 */
export function RevokeDialog({ app, onCancel, onRevoked }: Props) {
  const t = useTranslations("account.account");
  const actionsRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    // Cancel is the first button: the dialog opens on it.
    if (app) actionsRef.current?.querySelector("button")?.focus();
    setFailed(false);
  }, [app]);

  async function revoke(target: RevokeTarget) {
    setBusy(true);
    setFailed(false);
    try {
      await callApi(`/api/account/connected-apps/${encodeURIComponent(target.clientId)}`, { method: "DELETE" });
      onRevoked(target);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={app !== undefined}
      onClose={onCancel}
      title={app ? t("revokeTitle", { app: app.name }) : ""}
      description={app ? t("revokeBody", { app: app.name }) : undefined}
    >
      {failed && (
        <div className="mb-3">
          <Alert tone="error">{t("revokeFailed")}</Alert>
        </div>
      )}
      <div ref={actionsRef} className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </Button>
        <Button variant="danger" busy={busy} onClick={() => app && revoke(app)}>
          {t("revokeConfirm")}
        </Button>
      </div>
    </Dialog>
  );
}
