"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { callApi } from "../console/api";

type App = { clientId: string; name: string; scopes: string[]; authorized: string };

/** The third-party apps this user authorized; revoking asks for consent again next time. */
export function UserGrants({ userId, apps }: { userId: string; apps: App[] }) {
  const t = useTranslations("console.users");
  const toast = useToast();
  const router = useRouter();
  const [busy, setBusy] = useState<string>();

  async function revoke(app: App) {
    if (!window.confirm(t("revokeConfirm", { app: app.name }))) return;
    setBusy(app.clientId);
    try {
      await callApi(`/api/v1/users/${userId}/grants/${encodeURIComponent(app.clientId)}`, { method: "DELETE" });
      toast.success(t("revoked", { app: app.name }));
      router.refresh();
    } catch {
      toast.error(t("revokeFailed"));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Card title={t("grants")}>
      {apps.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noGrants")}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100">
          {apps.map((app) => (
            <li key={app.clientId} className="flex items-start justify-between gap-3 py-2.5">
              <div className="min-w-0 text-sm">
                <p className="truncate font-medium text-slate-900">{app.name}</p>
                <p className="text-xs text-slate-500">
                  {t("grantMeta", { date: app.authorized, scopes: app.scopes.join(", ") || "openid" })}
                </p>
              </div>
              <Button
                variant="secondary"
                className="min-h-9 shrink-0 px-3 py-1.5 text-red-700"
                busy={busy === app.clientId}
                onClick={() => revoke(app)}
                aria-label={t("revokeLabel", { app: app.name })}
              >
                {t("revoke")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
