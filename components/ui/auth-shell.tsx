import type { ReactNode } from "react";
import { LanguageMenu } from "./language-menu";
import { Logo } from "./logo";

/** The pages someone sees before signing in: one centred card, comfortable from 320 px phones up. */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold text-slate-800">
          <Logo className="size-7" />
          <span>{title}</span>
        </div>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">{children}</div>
        <LanguageMenu className="mt-6 justify-center" />
      </div>
    </main>
  );
}
