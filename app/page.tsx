import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Logo } from "@/components/ui/logo";

export const dynamic = "force-dynamic";

/** The front door: what this server is and where an app finds it. */
export default async function Home() {
  const { runtime } = await import("@/lib/runtime");
  const issuer = runtime().provider.issuer;
  const t = await getTranslations("account.home");
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-6 px-4 py-12">
      <div className="flex items-center gap-3">
        <Logo className="size-10" />
        <h1 className="text-2xl font-semibold">Latchkey</h1>
      </div>
      <p className="text-slate-600">{t("intro")}</p>
      <code className="block break-all rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
        {`${issuer}/.well-known/openid-configuration`}
      </code>
      <nav aria-label={t("linksLabel")} className="flex flex-wrap gap-3 text-sm font-medium">
        <Link
          href="/account"
          className="rounded-lg bg-white px-4 py-2 text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {t("account")}
        </Link>
        <Link
          href="/applications"
          className="rounded-lg bg-white px-4 py-2 text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {t("console")}
        </Link>
      </nav>
    </main>
  );
}
