import { defaultLocale, type Locale } from "./locales";
import { catalogs } from "./messages";

type ValidationKey = keyof (typeof catalogs)["en"]["validation"];

/**
 * The shared zod schemas name their errors by key (`uriFragment`), so the form can show them in
 * the reader's language. This turns a key into text for the API and the CLI; a message that is
 * not a key (one of zod's own) passes through unchanged.
 */
export function validationText(message: string, locale: Locale = defaultLocale): string {
  const table = catalogs[locale].validation as Record<string, string>;
  return table[message as ValidationKey] ?? message;
}
