import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { LogoutView, SignedOutView } from "@/lib/provider-pages/data";
import { useClientName } from "./client-name";

/** RP-initiated logout asks before ending the session. */
export function SignOutQuestion({ view }: { view: LogoutView }) {
  const t = useTranslations("account.signOut");
  const clientName = useClientName()(view.clientId, view.clientName);
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-2 text-sm text-slate-600">{clientName ? t("askedByApp", { app: clientName }) : t("aboutTo")}</p>
      <form method="post" action={view.action} className="mt-6 flex flex-col-reverse gap-2 sm:flex-row">
        <input type="hidden" name="xsrf" value={view.xsrf} />
        <Button type="submit" variant="secondary" className="flex-1">
          {t("stay")}
        </Button>
        <Button type="submit" name="logout" value="yes" className="flex-1" autoFocus>
          {t("submit")}
        </Button>
      </form>
    </>
  );
}

/** After signing out; names the app that asked, when there was one. */
export function SignedOutMessage({ view }: { view?: SignedOutView }) {
  const t = useTranslations("account.signedOut");
  const clientName = useClientName()(view?.clientId, view?.clientName);
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-2 text-sm text-slate-600">{clientName ? t("bodyFromApp", { app: clientName }) : t("body")}</p>
    </>
  );
}
