import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountShell } from "@/components/account/account-shell";
import { LanguageMenu } from "@/components/ui/language-menu";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.notFound");
  return { title: t("title") };
}

/**
 * Any address that names nothing (and console pages whose section has no not-found page of its
 * own). Next.js's built-in page would do, but it styles itself inline (a style element and style
 * attributes), which the pages' CSP refuses (lib/server/security-headers.ts).
 */
export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <AccountShell languageMenu={<LanguageMenu className="mt-6 justify-center" />}>
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("body")}</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        {t("home")}
      </Link>
    </AccountShell>
  );
}
