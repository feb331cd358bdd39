import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ConsoleHeader } from "@/components/console/console-header";
import { ToastProvider } from "@/components/ui/toast";
import { currentAdmin } from "@/lib/auth/console-session";
import { currentPath, endSessionUrl } from "@/lib/console/navigation";
import { runtime } from "@/lib/runtime";
import { countAdmins } from "@/lib/users/service";

export const dynamic = "force-dynamic";

/** Every console page: only for a signed-in admin; anyone else goes to sign-in (or setup). */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const rt = runtime();
  const admin = await currentAdmin();
  if (!admin) {
    if ((await countAdmins(rt.database.prisma)) === 0) redirect("/setup");
    redirect(`/sign-in?${new URLSearchParams({ callbackUrl: await currentPath() })}`);
  }
  const t = await getTranslations("console");
  return (
    <ToastProvider closeLabel={t("common.close")}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("common.skipToContent")}
      </a>
      <ConsoleHeader
        admin={admin}
        signOutUrl={endSessionUrl(rt.env.ISSUER, rt.console.console.clientId, rt.console.console.postLogoutRedirectUri)}
      />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </ToastProvider>
  );
}
