import type { ReactNode } from "react";
import { AccountShell } from "@/components/account/account-shell";
import { LanguageMenu } from "@/components/ui/language-menu";

/** The end-user pages Next.js renders (the account page, direct visits); see AccountShell. */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return <AccountShell languageMenu={<LanguageMenu className="mt-6 justify-center" />}>{children}</AccountShell>;
}
