import type { Locale } from "./locales";
import enAccount from "./messages/en/account.json";
import enCommon from "./messages/en/common.json";
import enConsole from "./messages/en/console.json";
import enEmail from "./messages/en/email.json";
import enKeys from "./messages/en/keys.json";
import enValidation from "./messages/en/validation.json";
import koAccount from "./messages/ko/account.json";
import koCommon from "./messages/ko/common.json";
import koConsole from "./messages/ko/console.json";
import koEmail from "./messages/ko/email.json";
import koKeys from "./messages/ko/keys.json";
import koValidation from "./messages/ko/validation.json";

/**
 * The message catalogs, one JSON file per namespace and language. `common` holds what every
 * page shares, `account` the end-user pages, `console` the admin console, `email` the messages Latchkey sends, `keys` the console's
 * signing keys page, `validation` the field errors that the shared zod schemas name by key.
 */
export const catalogs = {
  en: {
    common: enCommon,
    account: enAccount,
    console: enConsole,
    email: enEmail,
    keys: enKeys,
    validation: enValidation,
  },
  ko: {
    common: koCommon,
    account: koAccount,
    console: koConsole,
    email: koEmail,
    keys: koKeys,
    validation: koValidation,
  },
} satisfies Record<Locale, Record<string, unknown>>;

/** One language's catalog, as the English one is shaped (every language has the same keys: tests/unit/catalog-format.test.ts). */
export type Messages = (typeof catalogs)["en"];
