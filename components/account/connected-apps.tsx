"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { GrantList } from "@/components/grants/grant-list";
import { Alert } from "@/components/ui/alert";
import { callApi } from "../console/api";

type App = { clientId: string; name: string; logoUrl: string; scopes: string[]; authorized: string };

/** The third-party apps this user authorized, each with what it can see and a way to take it back. */
export function ConnectedApps({ apps }: { apps: App[] }) {
  const t = useTranslations("account.account");
  const scopeTitle = useTranslations("account.scopes");
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string }>();
  const access = (scopes: string[]) =>
    scopes.length > 0
      ? t("canSee", {
          scopes: scopes
            .map((scope) => (scopeTitle.has(`${scope}.title` as never) ? scopeTitle(`${scope}.title` as never) : scope))
            .join(", "),
        })
      : t("identityOnly");

  return (
    <section aria-labelledby="connected-apps" className="flex flex-col gap-3">
      <h2 id="connected-apps" className="text-base font-semibold text-slate-900">
        {t("connectedApps")}
      </h2>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <GrantList
        apps={apps.map((app) => ({ ...app, access: access(app.scopes) }))}
        empty={t("noApps")}
        text={{
          authorizedOn: (app) => t("authorizedOn", { date: app.authorized }),
          revoke: t("revoke"),
          revokeLabel: (app) => t("revokeLabel", { app: app.name }),
          confirmBody: (app) => t("revokeConfirm", { app: app.name }),
        }}
        onRevoke={async (app) => {
          setMessage(undefined);
          try {
            await callApi(`/api/account/connected-apps/${encodeURIComponent(app.clientId)}`, { method: "DELETE" });
            setMessage({ tone: "success", text: t("revoked", { app: app.name }) });
            router.refresh();
          } catch {
            setMessage({ tone: "error", text: t("revokeFailed") });
          }
        }}
      />
    </section>
  );
}
