import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, pickLocale } from "./locales";
import { catalogs } from "./messages";

/** Named date formats; times are shown in UTC and say so, since servers and admins may be anywhere. */
const formats = {
  dateTime: {
    date: { dateStyle: "medium" },
    // Spelled out: Intl refuses timeZoneName beside dateStyle/timeStyle, and next-intl then falls
    // back to Date#toString ("Thu Nov 26 2026 19:21:19 GMT+0000 (Coordinated Universal Time)").
    dateTime: {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    },
  },
} as const;

/** next-intl's per-request configuration: the language comes from the cookie or Accept-Language. */
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  return { locale, messages: catalogs[locale], timeZone: "UTC", formats };
});
