"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ItemList } from "@/components/ui/item-list";
import type { ConnectedAppRow } from "@/lib/grants/connected-apps";
import { AppLogo } from "./app-logo";
import { RevokeDialog, type RevokeTarget } from "./revoke-dialog";

type Props = {
  apps: ConnectedAppRow[];
  /** The app just revoked by the form without a script (from /account?revoked=…). */
  revoked?: string;
};

/**
 * The third-party apps this user authorized, each with what it can see and a way to take it
 * back. "Revoke access" opens a confirm page without a script; with one, a dialog.
 */
export function ConnectedApps({ apps, revoked }: Props) {
  const t = useTranslations("account.account");
  const scopeTitle = useTranslations("account.scopes");
  const router = useRouter();
  const [asking, setAsking] = useState<RevokeTarget>();
  const [done, setDone] = useState(revoked);
  const trigger = useRef<HTMLButtonElement | null>(null);
  const status = useRef<HTMLDivElement>(null);
  const focusStatus = useRef(false);
  const returnFocus = useRef(false);

  // After a revoke the button that opened the dialog is gone: the message takes the focus.
  useEffect(() => {
    if (done && focusStatus.current) status.current?.focus();
    focusStatus.current = false;
  }, [done]);

  // A cancelled dialog gives the focus back to the button that opened it, once it has closed
  // (while it is open, everything outside it is inert and cannot take the focus).
  useEffect(() => {
    if (asking || !returnFocus.current) return;
    returnFocus.current = false;
    trigger.current?.focus();
  }, [asking]);

  function cancel() {
    returnFocus.current = true;
    setAsking(undefined);
  }

  return (
    <section aria-labelledby="connected-apps" className="flex flex-col gap-3">
      <h2 id="connected-apps" className="text-base font-semibold text-slate-900">
        {t("connectedApps")}
      </h2>
      {done && (
        <div ref={status} tabIndex={-1} className="outline-none">
          <Alert tone="success">{t("revoked", { app: done })}</Alert>
        </div>
      )}
      <ItemList items={apps} empty={t("noApps")}>
        {(app) => (
          <li key={app.clientId} className="flex flex-col gap-2 px-3 py-3">
            <div className="flex items-center gap-3">
              <AppLogo name={app.name} src={app.logoUrl} alt="" size="sm" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{app.name}</p>
                <p className="text-xs text-slate-600">{t("authorizedOn", { date: app.authorized })}</p>
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
            <form
              method="get"
              action={`/account/revoke/${encodeURIComponent(app.clientId)}`}
              onSubmit={(event) => {
                event.preventDefault();
                trigger.current = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
                setAsking({ clientId: app.clientId, name: app.name });
              }}
            >
              <Button
                type="submit"
                variant="secondary"
                className="text-red-700"
                aria-label={t("revokeLabel", { app: app.name })}
              >
                {t("revoke")}
              </Button>
            </form>
          </li>
        )}
      </ItemList>
      <RevokeDialog
        app={asking}
        onCancel={cancel}
        onRevoked={(app) => {
          setAsking(undefined);
          focusStatus.current = true;
          setDone(app.name);
          router.refresh();
        }}
      />
    </section>
  );
}
