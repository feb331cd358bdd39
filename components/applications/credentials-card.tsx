"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { ItemList } from "@/components/ui/item-list";
import { useToast } from "@/components/ui/toast";
import { callApi } from "../console/api";
import { AddSecretDialog } from "./add-secret-dialog";
import { markNewSecretSaved, stashNewSecret, unsavedNewSecret } from "./new-secret";
import { NewSecretDialog } from "./new-secret-dialog";

export type SecretRow = {
  id: string;
  name: string;
  lastFour: string;
  created: string;
  expires: string | null;
  expired: boolean;
  lastUsed: string | null;
};

/**
 * Client ID and secrets. Secrets are stored only as hashes, so a value is shown once, when it is
 * created; an app may hold several, which is how a secret is rotated without downtime.
 */
export function CredentialsCard({
  applicationId,
  appName,
  clientId,
  confidential,
  secrets,
}: {
  applicationId: string;
  appName: string;
  clientId: string;
  confidential: boolean;
  secrets: SecretRow[];
}) {
  const t = useTranslations("console.credentials");
  const toast = useToast();
  const router = useRouter();
  const [fresh, setFresh] = useState(() => unsavedNewSecret(applicationId));
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<string>();
  const [confirm, confirmDialog] = useConfirm();

  async function remove(secret: SecretRow) {
    const sure = await confirm({
      title: t("delete", { name: secret.name }),
      body: t("deleteConfirm", { name: secret.name }),
      confirmLabel: t("deleteButton"),
      cancelLabel: t("cancel"),
    });
    if (!sure) return;
    setDeleting(secret.id);
    try {
      await callApi(`/api/v1/applications/${applicationId}/secrets/${secret.id}`, { method: "DELETE" });
      toast.success(t("deleted", { name: secret.name }));
      router.refresh();
    } catch {
      toast.error(t("deleteFailed"));
    } finally {
      setDeleting(undefined);
    }
  }

  return (
    <Card title={t("title")} help="credentials">
      <div className="flex flex-col gap-4">
        <CopyField label={t("clientId")} value={clientId} testId="client-id" />
        {!confidential ? (
          <p className="text-sm text-slate-600">{t("publicClient")}</p>
        ) : (
          <>
            {fresh && (
              <NewSecretDialog
                appName={appName}
                appCreated={fresh.appCreated}
                clientId={clientId}
                secret={fresh.value}
                onSaved={() => {
                  markNewSecretSaved(applicationId);
                  setFresh(undefined);
                }}
              />
            )}
            <div className="flex items-center justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-800">{t("secrets")}</h3>
              <Button variant="secondary" className="min-h-9 px-3 py-1.5" onClick={() => setAdding(true)}>
                <PlusIcon className="size-4" />
                {t("add")}
              </Button>
            </div>
            <ItemList items={secrets} empty={t("none")}>
              {(secret) => (
                <li key={secret.id} className="flex items-start justify-between gap-3 px-3 py-2.5">
                  <div className="min-w-0 text-sm">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                      <span className="truncate">{secret.name}</span>
                      <code className="font-mono text-xs text-slate-500">••••{secret.lastFour}</code>
                      {secret.expired && <Badge tone="danger">{t("expired")}</Badge>}
                    </p>
                    <p className="text-xs text-slate-500">
                      {t("meta", {
                        created: secret.created,
                        expires: secret.expires ?? t("never"),
                        lastUsed: secret.lastUsed ?? t("neverUsed"),
                      })}
                    </p>
                  </div>
                  <button
                    type="button"
                    onClick={() => remove(secret)}
                    disabled={deleting === secret.id}
                    aria-label={t("delete", { name: secret.name })}
                    className="inline-flex size-9 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-red-50 hover:text-red-700"
                  >
                    <TrashIcon className="size-4" />
                  </button>
                </li>
              )}
            </ItemList>
          </>
        )}
      </div>
      {adding && (
        <AddSecretDialog
          applicationId={applicationId}
          onClose={() => setAdding(false)}
          onCreated={(value) => {
            // Kept for this tab's life (or until dismissed), so Connect a service can fill it in too.
            stashNewSecret(applicationId, value);
            setFresh(unsavedNewSecret(applicationId));
            router.refresh();
          }}
        />
      )}
      {confirmDialog}
    </Card>
  );
}
