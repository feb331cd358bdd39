import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { InteractionView } from "@/lib/provider-pages/data";
import { initialsOf } from "./app-logo";

type Props = { view: Extract<InteractionView, { kind: "select_account" }>; appName: string };

const strong = (chunks: ReactNode) => <strong className="font-semibold text-slate-900">{chunks}</strong>;

/**
 * prompt=select_account with a session: continue as the signed-in account, or sign in with
 * another. Two plain form posts, so it works without a script.
 */
export function SelectAccountView({ view, appName }: Props) {
  const t = useTranslations("account.selectAccount");
  const tc = useTranslations("account.consent");
  const { account } = view;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t.rich("intro", { app: appName, strong })}</p>
      <div className="mt-6 flex items-center gap-3 rounded-xl border border-slate-200 px-3 py-3">
        <span
          aria-hidden
          className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white"
        >
          {initialsOf(account.name || account.email)}
        </span>
        <span className="min-w-0 flex-1">
          {account.name && <span className="block truncate text-sm font-medium text-slate-900">{account.name}</span>}
          <span className="block truncate text-sm text-slate-600">{account.email}</span>
        </span>
        <span className="text-xs font-medium text-emerald-800">{t("signedIn")}</span>
      </div>
      <form method="post" action={`/interaction/${view.uid}/continue`} className="mt-4">
        <input type="hidden" name="csrf" value={view.csrf} />
        <Button type="submit" className="w-full" aria-label={t("continueAs", { email: account.email })} autoFocus>
          {t("continue")}
        </Button>
      </form>
      <form method="post" action={`/interaction/${view.uid}/switch`} className="mt-2">
        <input type="hidden" name="csrf" value={view.csrf} />
        <Button type="submit" variant="secondary" className="w-full">
          {t("useAnother")}
        </Button>
      </form>
      {view.returnTo && (
        <p className="mt-6 text-xs text-slate-600">{tc.rich("returnTo", { origin: view.returnTo, strong })}</p>
      )}
    </>
  );
}
