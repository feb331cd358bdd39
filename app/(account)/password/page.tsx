import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PasswordPage } from "@/components/account/password-pages";
import { readView } from "@/lib/provider-pages/read";

export async function generateMetadata(): Promise<Metadata> {
  const view = await readView("password");
  const t = await getTranslations("account.password");
  return { title: view?.step === "verified" ? t("verifiedHeading") : t("title") };
}

/** Rendered by the server for /password/* (lib/account-email/routes.ts), which passes the view. */
export default async function PasswordRoute() {
  const view = await readView("password");
  // Opened without the server's view: start at the form.
  if (!view) redirect("/password/forgot");
  return <PasswordPage view={view} />;
}
