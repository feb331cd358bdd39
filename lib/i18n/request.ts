import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { dateStyles } from "./format";
import { LOCALE_COOKIE, pickLocale } from "./locales";
import { catalogs } from "./messages";

/** next-intl's per-request configuration: the language comes from the cookie or Accept-Language. */
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  // The same named formats as formatDate (lib/i18n/format.ts), for next-intl's own `format.dateTime`.
  return { locale, messages: catalogs[locale], timeZone: "UTC", formats: { dateTime: dateStyles[locale] } };
});
