import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ConsoleHeader } from "@/components/console/console-header";
import { ToastProvider } from "@/components/ui/toast";
import { requireAdmin } from "@/lib/auth/console-session";
import { endSessionUrl } from "@/lib/console/navigation";
import { runtime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/**
 * Every console page's frame: only for a signed-in admin; anyone else goes to sign-in (or setup).
 * Each page below checks for itself too (see requireAdmin), and the server refuses console
 * routes without an admin session before Next.js renders anything.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdmin();
  const rt = runtime();
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
      <main
        id="main"
        className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 sm:py-8 has-[[data-save-bar]]:pb-32 sm:has-[[data-save-bar]]:pb-28"
      >
        {children}
      </main>
    </ToastProvider>
  );
}
