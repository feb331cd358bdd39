import type { Locale } from "./locales";

export type DateStyle = "date" | "dateTime";

/**
 * How each language writes a date, and a date with its time. Times are shown in UTC and say so,
 * since servers and admins may be anywhere. Korean reads best as "2026년 11월 30일".
 */
export const dateStyles = {
  en: {
    date: { dateStyle: "medium" },
    // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
    dateTime: {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    },
  },
  ko: {
    date: { dateStyle: "long" },
    dateTime: {
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    },
  },
} as const satisfies Record<Locale, Record<DateStyle, Intl.DateTimeFormatOptions>>;

/**
 * Korean's morning and afternoon markers. Recent CLDR data (Node 20's ICU 78) writes the short
 * marker of a Korean time as "AM"/"PM", which reads as English in the middle of Korean text;
 * Korean writes 오전/오후.
 */
const koreanDayPeriods = { am: "오전", pm: "오후" } as const;

/** A date (or date and time) as the language writes it; Korean times say 오전/오후, never AM/PM. */
export function formatDate(locale: Locale, value: Date, style: DateStyle = "date", timeZone = "UTC"): string {
  const format = new Intl.DateTimeFormat(locale, { ...dateStyles[locale][style], timeZone });
  if (locale !== "ko" || style === "date") return format.format(value);
  const hour = Number(
    new Intl.DateTimeFormat("en", { hour: "numeric", hourCycle: "h23", timeZone })
      .formatToParts(value)
      .find((part) => part.type === "hour")?.value,
  );
  return format
    .formatToParts(value)
    .map((part) => (part.type === "dayPeriod" ? koreanDayPeriods[hour < 12 ? "am" : "pm"] : part.value))
    .join("");
}
