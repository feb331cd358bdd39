import { getLocale } from "next-intl/server";
import { type DateStyle, formatDate } from "./format";
import { defaultLocale, isLocale } from "./locales";

/**
 * The page's date formatter, in the request's language: use it rather than next-intl's
 * `format.dateTime`, which writes Korean times with "AM"/"PM" (see formatDate).
 */
export async function getDateFormat(): Promise<(value: Date, style?: DateStyle) => string> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : defaultLocale;
  return (value, style = "date") => formatDate(locale, value, style);
}
