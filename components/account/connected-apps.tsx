"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { callApi } from "../console/api";

type App = { clientId: string; name: string; logoUrl: string; scopes: string[]; authorized: string };

/** The third-party apps this user authorized, each with what it can see and a way to take it back. */
export function ConnectedApps({ apps }: { apps: App[] }) {
  const t = useTranslations("account.account");
  const scopeTitle = useTranslations("account.scopes");
  const router = useRouter();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string }>();

  async function revoke(app: App) {
    if (!window.confirm(t("revokeConfirm", { app: app.name }))) return;
    setBusy(app.clientId);
    setMessage(undefined);
    try {
      await callApi(`/api/account/connected-apps/${encodeURIComponent(app.clientId)}`, { method: "DELETE" });
      setMessage({ tone: "success", text: t("revoked", { app: app.name }) });
      router.refresh();
    } catch {
      setMessage({ tone: "error", text: t("revokeFailed") });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="connected-apps" className="flex flex-col gap-3">
      <h2 id="connected-apps" className="text-base font-semibold text-slate-900">
        {t("connectedApps")}
      </h2>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {apps.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noApps")}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200">
          {apps.map((app) => (
            <li key={app.clientId} className="flex flex-col gap-2 px-3 py-3">
              <div className="flex items-center gap-3">
                {app.logoUrl ? (
                  // biome-ignore lint/performance/noImgElement: the app's own remote logo.
                  <img src={app.logoUrl} alt="" className="size-8 rounded-md object-contain" />
                ) : (
                  <span
                    aria-hidden
                    className="flex size-8 items-center justify-center rounded-md bg-brand-50 text-sm font-semibold text-brand-700"
                  >
                    {app.name.slice(0, 1).toUpperCase()}
                  </span>
                )}
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900">{app.name}</p>
                  <p className="text-xs text-slate-500">{t("authorizedOn", { date: app.authorized })}</p>
                </div>
              </div>
              <p className="text-xs text-slate-600">
                {app.scopes.length > 0
                  ? t("canSee", {
                      scopes: app.scopes
                        .map((scope) =>
                          scopeTitle.has(`${scope}.title` as never) ? scopeTitle(`${scope}.title` as never) : scope,
                        )
                        .join(", "),
                    })
                  : t("identityOnly")}
              </p>
              <Button
                variant="secondary"
                className="self-start text-red-700"
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
    </section>
  );
}
