import { describe, expect, it } from "vitest";
import { retryDelay } from "../../lib/logout/delivery";
import { createApplicationSchema, updateApplicationSchema } from "../../lib/validation/application";

const messages = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];

describe("the back-channel logout URI", () => {
  const traditional = updateApplicationSchema("traditional");

  it("takes https, loopback http, or nothing", () => {
    for (const uri of ["https://wiki.example.com/logout?x=1", "http://127.0.0.1:8080/logout", "http://localhost/l", ""])
      expect(traditional.safeParse({ backchannelLogoutUri: uri }).success, uri).toBe(true);
  });

  it("refuses plain http elsewhere, fragments, custom schemes and whitespace, naming the field", () => {
    const cases: [string, string][] = [
      ["http://wiki.example.com/logout", "uriHttpsRequired"],
      ["https://wiki.example.com/logout#x", "uriFragment"],
      ["com.example.app:/logout", "uriCustomSchemeNative"],
      ["https://wiki.example.com/log out", "uriWhitespace"],
      ["/logout", "uriNotAbsolute"],
    ];
    for (const [uri, message] of cases)
      expect(messages(traditional.safeParse({ backchannelLogoutUri: uri })), uri).toEqual([
        `backchannelLogoutUri: ${message}`,
      ]);
  });

  it("belongs to traditional and third-party apps only", () => {
    expect(
      updateApplicationSchema("third-party").safeParse({ backchannelLogoutUri: "https://a.example/l" }).success,
    ).toBe(true);
    for (const type of ["spa", "native", "m2m"] as const) {
      const result = createApplicationSchema.safeParse({ type, name: "X", backchannelLogoutSessionRequired: false });
      expect(messages(result), type).toEqual(["backchannelLogoutSessionRequired: webAppsOnly"]);
    }
  });
});

describe("logout delivery retries", () => {
  it("double the wait after each failure, up to an hour", () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, 10_000))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelay(30, 10_000)).toBe(60 * 60 * 1000);
  });
});
