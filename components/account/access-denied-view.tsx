import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { InteractionView } from "@/lib/provider-pages/data";
import { AccountSwitch } from "./account-switch";

type Props = { view: Extract<InteractionView, { kind: "access_denied" }>; appName: string };

const strong = (chunks: ReactNode) => <strong className="font-semibold break-all text-slate-900">{chunks}</strong>;

/**
 * The app's access rule leaves this user out. Nothing has been issued; the one button (a plain
 * form post) sends the user back and the app access_denied. Another account may be allowed.
 */
export function AccessDeniedView({ view, appName }: Props) {
  const t = useTranslations("account.accessDenied");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading", { app: appName })}</h1>
      <p className="mt-2 text-sm text-slate-700" data-testid="access-denied">
        {t.rich("body", { app: appName, email: view.account.email, strong })}
      </p>
      <p className="mt-2 text-sm text-slate-600">{t("ask")}</p>
      <AccountSwitch uid={view.uid} csrf={view.csrf} />
      <form method="post" action={`/interaction/${view.uid}/abort`} className="mt-6">
        <input type="hidden" name="csrf" value={view.csrf} />
        <Button type="submit" className="w-full" autoFocus>
          {t("back", { app: appName })}
        </Button>
      </form>
    </>
  );
}
