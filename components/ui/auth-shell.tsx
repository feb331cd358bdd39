import type { ReactNode } from "react";
import { AccountShell } from "@/components/account/account-shell";
import { LanguageMenu } from "./language-menu";

/** The pages someone sees before signing in: one centred card, comfortable from 320 px phones up. */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <AccountShell title={title} languageMenu={<LanguageMenu className="mt-6 justify-center" />}>
      {children}
    </AccountShell>
  );
}
