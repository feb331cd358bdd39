"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { PasskeyRowData } from "@/lib/passkeys/account-view";
import { sendJson } from "./passkey-requests";
import { RemovePasskeyDialog } from "./remove-passkey-dialog";

type Notice = { tone: "error" | "success"; text: string };

/** A passkey: its name and dates, renamed in place, removed after a confirmation with the password. */
export function PasskeyRow({ passkey, onChanged }: { passkey: PasskeyRowData; onChanged: (notice: Notice) => void }) {
  const t = useTranslations("account.passkeys");
  const router = useRouter();
  const [removing, setRemoving] = useState(false);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const [busy, setBusy] = useState(false);

  async function rename(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const response = await sendJson(`/api/account/passkeys/${encodeURIComponent(passkey.id)}`, "PATCH", { name });
    setBusy(false);
    if (!response.ok) return onChanged({ tone: "error", text: t("renameFailed") });
    setEditing(false);
    onChanged({ tone: "success", text: t("renamed", { name: name.trim() }) });
    router.refresh();
  }

  function removed() {
    setRemoving(false);
    onChanged({ tone: "success", text: t("removed", { name: passkey.name }) });
    router.refresh();
  }

  return (
    <li className="flex flex-col gap-2 px-3 py-3" data-testid="passkey">
      {editing ? (
        <form onSubmit={rename} className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex-1">
            <Field
              label={t("nameLabel")}
              name="name"
              value={name}
              maxLength={64}
              required
              autoFocus
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="flex gap-2 sm:mb-1">
            <Button type="submit" busy={busy}>
              {t("save")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <div>
            <p className="text-sm font-medium break-words text-slate-900">{passkey.name}</p>
            <p className="text-xs text-slate-600">
              {t("createdOn", { date: passkey.createdAt })}{" "}
              {passkey.lastUsedAt ? t("lastUsed", { date: passkey.lastUsedAt }) : t("neverUsed")}
            </p>
          </div>
          <div className="flex gap-2">
            <Button
              variant="secondary"
              onClick={() => setEditing(true)}
              aria-label={t("renameNamed", { name: passkey.name })}
            >
              {t("rename")}
            </Button>
            <Button
              variant="secondary"
              className="text-red-700"
              onClick={() => setRemoving(true)}
              aria-label={t("removeNamed", { name: passkey.name })}
            >
              {t("remove")}
            </Button>
          </div>
        </>
      )}
      {removing && <RemovePasskeyDialog passkey={passkey} onCancel={() => setRemoving(false)} onRemoved={removed} />}
    </li>
  );
}
