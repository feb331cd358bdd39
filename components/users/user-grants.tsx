"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { GrantList } from "@/components/grants/grant-list";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import type { ConnectedAppRow } from "@/lib/grants/connected-apps";
import { callApi } from "../console/api";

/** The third-party apps this user authorized; revoking asks for consent again next time. */
export function UserGrants({ userId, apps }: { userId: string; apps: ConnectedAppRow[] }) {
  const t = useTranslations("console.users");
  const toast = useToast();
  const router = useRouter();

  return (
    <Card title={t("grants")} help="grants">
      <GrantList
        apps={apps.map((app) => ({ ...app, access: app.scopes.join(", ") || "openid" }))}
        empty={t("noGrants")}
        text={{
          authorizedOn: (app) => t("grantAuthorized", { date: app.authorized }),
          revoke: t("revoke"),
          revokeLabel: (app) => t("revokeLabel", { app: app.name }),
          confirmBody: (app) => t("revokeConfirm", { app: app.name }),
        }}
        onRevoke={async (app) => {
          try {
            await callApi(`/api/v1/users/${userId}/grants/${encodeURIComponent(app.clientId)}`, { method: "DELETE" });
            toast.success(t("revoked", { app: app.name }));
            router.refresh();
          } catch {
            toast.error(t("revokeFailed"));
          }
        }}
      />
    </Card>
  );
}
