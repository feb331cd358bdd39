import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignedOutMessage } from "@/components/account/sign-out-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.signedOut");
  return { title: t("title") };
}

/** Opened by address (the provider renders the one that names the app itself). */
export default function SignedOutPage() {
  return <SignedOutMessage />;
}
