"use client";

import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "@/lib/i18n/locales";
import { LanguageSelect } from "./language-select";

/** Switches the language of every page; the choice is remembered in a cookie. */
export function LanguageMenu({ className = "" }: { className?: string }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();

  function choose(next: string) {
    const secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${LOCALE_COOKIE}=${next}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax${secure}`;
    startTransition(() => router.refresh());
  }

  return (
    <LanguageSelect id={id} className={className} disabled={pending} onChange={(event) => choose(event.target.value)} />
  );
}
