"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";

export type GrantedApp = {
  clientId: string;
  name: string;
  logoUrl?: string;
  /** When the user authorized it, formatted for the reader. */
  authorized: string;
  /** What it can see, in the reader's words. */
  access: string;
};

type Text = {
  authorizedOn: (app: GrantedApp) => string;
  revoke: string;
  revokeLabel: (app: GrantedApp) => string;
  confirmBody: (app: GrantedApp) => string;
};

/**
 * The third-party apps one user authorized, each with a revoke button behind a styled
 * confirmation. Shared by the user's own /account page and the console's user page, which differ
 * only in wording and in the request that revokes.
 */
export function GrantList({
  apps,
  empty,
  text,
  onRevoke,
}: {
  apps: GrantedApp[];
  empty: ReactNode;
  text: Text;
  /** Revokes; throws when that failed (the caller says so). */
  onRevoke: (app: GrantedApp) => Promise<void>;
}) {
  const common = useTranslations("common");
  const [busy, setBusy] = useState<string>();
  const [confirm, confirmDialog] = useConfirm();

  async function revoke(app: GrantedApp) {
    const sure = await confirm({
      title: text.revokeLabel(app),
      body: text.confirmBody(app),
      confirmLabel: text.revoke,
      cancelLabel: common("cancel"),
    });
    if (!sure) return;
    setBusy(app.clientId);
    try {
      await onRevoke(app);
    } finally {
      setBusy(undefined);
    }
  }

  if (apps.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <>
      <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200">
        {apps.map((app) => (
          <li key={app.clientId} className="flex flex-wrap items-start gap-3 px-3 py-3">
            {app.logoUrl ? (
              // biome-ignore lint/performance/noImgElement: the app's own remote logo.
              <img src={app.logoUrl} alt="" className="size-8 shrink-0 rounded-md object-contain" />
            ) : (
              <span
                aria-hidden
                className="flex size-8 shrink-0 items-center justify-center rounded-md bg-brand-50 text-sm font-semibold text-brand-700"
              >
                {app.name.slice(0, 1).toUpperCase()}
              </span>
            )}
            <div className="min-w-0 flex-1 text-sm">
              <p className="truncate font-medium text-slate-900">{app.name}</p>
              <p className="text-xs text-slate-600">{text.authorizedOn(app)}</p>
              <p className="mt-1 text-xs text-slate-600">{app.access}</p>
            </div>
            <Button
              variant="secondary"
              className="min-h-9 shrink-0 px-3 py-1.5 text-red-700"
              busy={busy === app.clientId}
              onClick={() => revoke(app)}
              aria-label={text.revokeLabel(app)}
            >
              {text.revoke}
            </Button>
          </li>
        ))}
      </ul>
      {confirmDialog}
    </>
  );
}
