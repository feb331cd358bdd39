import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { clientDisplayName } from "@/components/account/client-name";
import { readView } from "@/lib/provider-pages/read";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.signedOut");
  return { title: t("title") };
}

export default async function SignedOutPage() {
  const view = await readView("signed-out");
  const t = await getTranslations("account.signedOut");
  const clientName = await clientDisplayName(view?.clientId, view?.clientName);
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-2 text-sm text-slate-600">{clientName ? t("bodyFromApp", { app: clientName }) : t("body")}</p>
    </>
  );
}
