"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { usePasswordProof } from "./passkey-password";
import { sendJson } from "./passkey-requests";

type Props = {
  passkey: { id: string; name: string };
  onCancel: () => void;
  onRemoved: () => void;
};

/**
 * "Remove passkey": asks for the current password (a session left open must not take the owner's
 * passkeys away). The dialog opens on the password field; a wrong one is said beside it.
 */
export function RemovePasskeyDialog({ passkey, onCancel, onRemoved }: Props) {
  const t = useTranslations("account.passkeys");
  const proof = usePasswordProof();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function remove(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    proof.reset();
    setFailed(false);
    try {
      const path = `/api/account/passkeys/${encodeURIComponent(passkey.id)}/remove`;
      const response = await sendJson(path, "POST", { currentPassword: proof.password });
      if (await proof.refused(response)) return;
      if (!response.ok) return setFailed(true);
      onRemoved();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onCancel} title={t("removeTitle")} description={t("removeConfirm", { name: passkey.name })}>
      <form onSubmit={remove} className="flex flex-col gap-4" noValidate>
        {failed && <Alert tone="error">{t("removeFailed")}</Alert>}
        {proof.field}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button type="button" variant="secondary" onClick={onCancel} disabled={busy}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="danger" busy={busy}>
            {t("remove")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
