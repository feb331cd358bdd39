"use client";

import { useTranslations } from "next-intl";

/** Turns a validation key from the shared zod schemas (or a server message) into text. */
export function useFieldError() {
  const t = useTranslations("validation");
  return (message: string | undefined): string | undefined => {
    if (!message) return undefined;
    return t.has(message as never) ? t(message as never) : message;
  };
}
