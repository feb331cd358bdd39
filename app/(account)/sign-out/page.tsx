import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { clientDisplayName } from "@/components/account/client-name";
import { Button } from "@/components/ui/button";
import { readView } from "@/lib/provider-pages/read";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.signOut");
  return { title: t("title") };
}

/** RP-initiated logout asks before ending the session (the provider renders this page). */
export default async function SignOutPage() {
  const view = await readView("logout");
  if (!view) redirect("/error?kind=expired");
  const t = await getTranslations("account.signOut");
  const clientName = await clientDisplayName(view.clientId, view.clientName);
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
