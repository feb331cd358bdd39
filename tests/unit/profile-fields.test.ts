import { describe, expect, it } from "vitest";
import { isUniqueViolationOn } from "../../lib/errors";
import { locale, username, zoneinfo } from "../../lib/validation/profile";
import { updateUserSchema } from "../../lib/validation/user";

describe("profile fields", () => {
  it.each([
    ["en-us", "en-US"],
    ["ko-KR", "ko-KR"],
    ["zh-hant-tw", "zh-Hant-TW"],
    ["", ""],
  ])("keeps locale %s as %s", (input, stored) => expect(locale.parse(input)).toBe(stored));

  it.each(["en_US", "english", "x", "123", "i-klingon", "en-US-"])("refuses locale %s", (input) => {
    expect(locale.safeParse(input).error?.issues[0].message).toBe("localeInvalid");
  });

  it.each([
    ["Europe/Paris", "Europe/Paris"],
    ["europe/paris", "Europe/Paris"],
    ["UTC", "UTC"],
    ["America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ["", ""],
  ])("keeps zoneinfo %s as %s", (input, stored) => expect(zoneinfo.parse(input)).toBe(stored));

  it.each(["Mars/Olympus", "+09:00", "Europe/../Paris", "Asia Seoul"])("refuses zoneinfo %s", (input) => {
    expect(zoneinfo.safeParse(input).error?.issues[0].message).toBe("zoneinfoInvalid");
  });

  it.each(["ada", "Ada.Lovelace", "ada_l-1", "7of9", "a".repeat(64)])("accepts username %s", (input) => {
    expect(username.parse(input)).toBe(input);
  });

  it.each(["-ada", ".ada", "ada lovelace", "ada@example.com", "아다", "a".repeat(65)])("refuses username %s", (input) =>
    expect(username.safeParse(input).success).toBe(false),
  );

  it("names every bad field of an update", () => {
    const result = updateUserSchema.safeParse({
      username: "-x",
      locale: "en_US",
      zoneinfo: "Nowhere",
      givenName: "Ok",
    });
    expect(result.error?.issues.map((issue) => issue.path.join(".")).sort()).toEqual([
      "locale",
      "username",
      "zoneinfo",
    ]);
  });
});

describe("which unique index a write broke", () => {
  const violation = (cause: object) => ({ code: "P2002", meta: { driverAdapterError: { cause } } });
  it("tells the username's expression index from the email's, on either database", () => {
    const sqliteUsername = violation({ originalMessage: "UNIQUE constraint failed: index 'User_username_key'" });
    const postgresUsername = violation({ constraint: { fields: ["lower(username"] } });
    const sqliteEmail = violation({
      originalMessage: "UNIQUE constraint failed: User.email",
      constraint: { fields: ["email"] },
    });
    expect(isUniqueViolationOn(sqliteUsername, "username")).toBe(true);
    expect(isUniqueViolationOn(postgresUsername, "username")).toBe(true);
    expect(isUniqueViolationOn(sqliteEmail, "username")).toBe(false);
    expect(isUniqueViolationOn(sqliteEmail, "email")).toBe(true);
    // The message quotes the calling code, so it is never read.
    expect(isUniqueViolationOn({ code: "P2002", message: "user.create({ username })" }, "username")).toBe(false);
  });
});
