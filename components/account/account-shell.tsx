import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";

/**
 * The end-user pages' frame: one centred card, comfortable from 320 px phones up, with the
 * language menu below it. Next.js pages pass the client-side menu; the provider's pages
 * (lib/provider-pages/render.tsx) pass the plain select their small script drives.
 */
export function AccountShell({
  children,
  languageMenu,
  title = "Latchkey",
}: {
  children: ReactNode;
  languageMenu: ReactNode;
  /** Beside the logo above the card. */
  title?: string;
}) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold text-slate-800">
          <Logo className="size-7" />
          <span>{title}</span>
        </div>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">{children}</div>
        {languageMenu}
      </div>
    </main>
  );
}
