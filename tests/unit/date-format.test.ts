import { describe, expect, it } from "vitest";
import { formatDate } from "../../lib/i18n/format";

const afternoon = new Date("2026-11-30T15:04:00Z");
const morning = new Date("2026-11-30T09:30:00Z");
const midnight = new Date("2026-11-30T00:05:00Z");
const noon = new Date("2026-11-30T12:00:00Z");

describe("formatDate", () => {
  it("writes Korean times with 오전/오후, never AM/PM", () => {
    expect(formatDate("ko", afternoon, "dateTime")).toBe("2026년 11월 30일 오후 3:04 UTC");
    expect(formatDate("ko", morning, "dateTime")).toBe("2026년 11월 30일 오전 9:30 UTC");
    expect(formatDate("ko", midnight, "dateTime")).toBe("2026년 11월 30일 오전 12:05 UTC");
    expect(formatDate("ko", noon, "dateTime")).toBe("2026년 11월 30일 오후 12:00 UTC");
    for (const value of [afternoon, morning, midnight, noon]) {
      expect(formatDate("ko", value, "dateTime")).not.toMatch(/AM|PM/);
    }
  });

  it("writes Korean dates with 년 월 일", () => {
    expect(formatDate("ko", afternoon)).toBe("2026년 11월 30일");
  });

  it("keeps English as it was", () => {
    expect(formatDate("en", afternoon)).toBe("Nov 30, 2026");
    expect(formatDate("en", afternoon, "dateTime")).toBe("Nov 30, 2026, 03:04 PM UTC");
  });

  it("reads the hour in the time zone it shows", () => {
    // 23:30 UTC is 08:30 the next morning in Seoul.
    expect(formatDate("ko", new Date("2026-11-30T23:30:00Z"), "dateTime", "Asia/Seoul")).toBe(
      "2026년 12월 1일 오전 8:30 GMT+9",
    );
  });
});
