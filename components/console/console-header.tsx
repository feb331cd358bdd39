import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageMenu } from "@/components/ui/language-menu";
import { Logo } from "@/components/ui/logo";
import type { ConsoleAdmin } from "@/lib/auth/console-session";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export async function ConsoleHeader({ admin, signOutUrl }: { admin: ConsoleAdmin; signOutUrl: string }) {
  const t = await getTranslations("console");
  const tk = await getTranslations("keys");
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:gap-x-6 sm:px-6">
        <Link href="/applications" className="flex items-center gap-2 font-semibold text-slate-900">
          <Logo className="size-7" />
          {/* On phones the mark alone, so the header keeps to one row above the menu button. */}
          <span className="sr-only sm:not-sr-only">{t("productName")}</span>
        </Link>
        <NavLinks
          items={[
            { href: "/applications", label: t("nav.applications") },
            { href: "/users", label: t("nav.users") },
            { href: "/apis", label: t("nav.apis") },
            { href: "/roles", label: t("nav.roles") },
            { href: "/audit", label: t("nav.audit") },
            { href: "/api-docs", label: t("nav.api") },
            { href: "/settings/keys", label: tk("nav") },
            { href: "/settings/email", label: t("nav.email") },
          ]}
          label={t("nav.label")}
          menuLabel={t("nav.menu")}
        />
        <div className="ml-auto flex items-center gap-2">
          <LanguageMenu />
          <span className="hidden max-w-48 truncate text-sm text-slate-600 md:inline" title={admin.email}>
            {admin.email}
          </span>
          <SignOutButton endSessionUrl={signOutUrl} />
        </div>
      </div>
    </header>
  );
}
