import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors } from "../../lib/errors";
import { validationText } from "../../lib/i18n/validation";
import { createApplicationSchema, updateApplicationSchema } from "../../lib/validation/application";
import { expectedVersion, pageQuerySchema } from "../../lib/validation/numbers";
import { createSecretSchema } from "../../lib/validation/secret";
import { humanTextProblem } from "../../lib/validation/text";
import { originList, redirectUriProblem, webUrlProblem } from "../../lib/validation/uri";
import {
  adminCreateUserSchema,
  createUserSchema,
  firstAdminSchema,
  signInSchema,
  updateUserSchema,
} from "../../lib/validation/user";

describe("human text", () => {
  // Grouped by the problem each value must be refused for.
  const refused: Record<string, Record<string, string>> = {
    textControlCharacter: {
      NUL: "Ada\u0000Lovelace",
      "a C0 control": "Ada\u0007",
      "a tab inside": "Ada\tLovelace",
      "a line break inside": "Ada\nLovelace",
      DEL: "Ada\u007f",
      "a C1 control (NEL)": "Ada\u0085Lovelace",
      "a line separator": "Ada\u2028Lovelace",
    },
    textBrokenCharacter: {
      "a lone high surrogate": "Wiki\uD800",
      "a lone low surrogate": "\uDFFFWiki",
    },
    textBidiControl: {
      "right-to-left override": "Invoice \u202Efdp.exe",
      "left-to-right embedding": "\u202AWiki\u202C",
      "a right-to-left isolate": "Wiki \u2067x\u2069",
      "first strong isolate": "\u2068Wiki",
    },
  };
  it.each(
    Object.entries(refused).flatMap(([key, cases]) => Object.entries(cases).map(([what, value]) => [what, value, key])),
  )("refuses %s", (_what, value, key) => {
    expect(humanTextProblem(value)).toBe(key);
  });

  it.each([
    ["plain Latin", "Ada Lovelace"],
    ["Korean", "김민지"],
    ["an emoji with zero-width joiners", "Dev 👩‍💻 team"],
    ["a paired surrogate", "Notes 😀"],
    ["Hebrew with a right-to-left mark placing the bracket", "שלום\u200F (Shalom)"],
    ["a left-to-right mark", "Wiki\u200E"],
    ["Persian with a zero-width non-joiner", "می\u200Cخواهم"],
  ])("accepts %s", (_what, value) => {
    expect(humanTextProblem(value)).toBeUndefined();
  });

  it("lets a description keep its line breaks, and nothing else invisible", () => {
    expect(humanTextProblem("First line\r\nsecond line", { multiline: true })).toBeUndefined();
    expect(humanTextProblem("First line\u0000", { multiline: true })).toBe("textControlCharacter");
  });

  it("names each problem in words, in both languages", () => {
    expect(validationText("textBrokenCharacter")).toMatch(/surrogate/);
    expect(validationText("textBidiControl")).toMatch(/direction/);
    expect(validationText("textControlCharacter")).toMatch(/NUL/);
    expect(validationText("textBidiControl", "ko")).toMatch(/U\+202A/);
  });
});

/** The field paths of a failed parse, or [] when it passed. */
function errorPaths(result: { success: boolean; error?: z.ZodError }) {
  return result.success ? [] : Object.keys(fieldErrors(result.error as z.ZodError)).sort();
}

describe("every schema where people type text refuses it by field", () => {
  const bad = "Wiki\uD800";
  it("applications: name, description, display name", () => {
    expect(errorPaths(createApplicationSchema.safeParse({ type: "spa", name: bad, description: "a\u0000b" }))).toEqual([
      "description",
      "name",
    ]);
    const update = updateApplicationSchema("third-party");
    expect(errorPaths(update.safeParse({ displayName: "Wiki\u202Egnp.exe" }))).toEqual(["displayName"]);
    expect(errorPaths(update.safeParse({ name: "Wiki", description: "Two\nlines" }))).toEqual([]);
  });

  it("secrets, users, the first admin", () => {
    expect(errorPaths(createSecretSchema.safeParse({ name: "CI\u0000" }))).toEqual(["name"]);
    const user = { email: "ada@example.com", password: "long enough" };
    expect(errorPaths(createUserSchema.safeParse({ ...user, name: bad }))).toEqual(["name"]);
    expect(errorPaths(adminCreateUserSchema.safeParse({ ...user, name: "Ada\u2066" }))).toEqual(["name"]);
    expect(errorPaths(updateUserSchema.safeParse({ name: "Ada\u0000" }))).toEqual(["name"]);
    expect(errorPaths(updateUserSchema.safeParse({ picture: "https://cdn.exa\tmple.com/a.png" }))).toEqual(["picture"]);
    const admin = { ...user, confirmPassword: user.password };
    expect(errorPaths(firstAdminSchema.safeParse({ ...admin, name: "Ada\u202E" }))).toEqual(["name"]);
  });

  it("keeps a NUL out of the sign-in lookup", () => {
    expect(errorPaths(signInSchema.safeParse({ email: "ada@example.com\u0000", password: "x" }))).toEqual(["email"]);
  });
});

describe("numbers", () => {
  const version = z.object(expectedVersion);
  it.each([
    ["1e300", 1e300],
    ["2**63", 2 ** 63],
    ["2**53", 2 ** 53],
    ["a string", "x"],
    ["zero", 0],
    ["a negative", -1],
    ["a fraction", 1.5],
    ["null", null],
  ])("refuses a version of %s, naming the field", (_what, value) => {
    const result = version.safeParse({ version: value });
    expect(errorPaths(result)).toEqual(["version"]);
    expect(fieldErrors(result.error as z.ZodError).version[0]).toMatch(/whole number/);
  });

  it("takes a version that is absent or a positive safe integer", () => {
    expect(version.parse({})).toEqual({});
    expect(version.parse({ version: 2 ** 53 - 1 })).toEqual({ version: 2 ** 53 - 1 });
  });

  it("refuses token lifetimes past the safe integers", () => {
    const update = updateApplicationSchema("traditional");
    expect(errorPaths(update.safeParse({ accessTokenTtl: 1e300, refreshTokenTtl: 2 ** 63 }))).toEqual([
      "accessTokenTtl",
      "refreshTokenTtl",
    ]);
  });

  it.each(["1e300", "9223372036854775808", "0", "-1", "1.5", "abc", ""])("refuses page=%s", (value) => {
    expect(errorPaths(pageQuerySchema.safeParse({ page: value, pageSize: value }))).toEqual(["page", "pageSize"]);
  });

  it("reads page numbers that are whole", () => {
    expect(pageQuerySchema.parse({ page: "3", pageSize: "20" })).toEqual({ page: 3, pageSize: 20 });
    expect(pageQuerySchema.parse({})).toEqual({});
  });
});

describe("URLs with whitespace or control characters anywhere", () => {
  const web = { allowCustomScheme: false };
  it.each([
    "https://rp.exa\tmple.com/cb",
    "https://rp.example.com/cb\nx",
    "https://rp.example.com/c\rb",
    "https://rp.example.com/c b",
    "https://rp.example.com/cb\u00a0",
    "https://rp.example.com/cb\u0000",
    "https://rp.example.com/cb\u0085",
    " https://rp.example.com/cb",
    "https://rp.example.com/cb ",
  ])("refuses %j", (uri) => {
    expect(redirectUriProblem(uri, web)).toBe("uriWhitespace");
    expect(redirectUriProblem(uri, { allowCustomScheme: true })).toBe("uriWhitespace");
    expect(webUrlProblem(uri)).toBe("uriWhitespace");
  });

  it("refuses a native app's custom scheme with a tab, and bidi controls in any URL", () => {
    expect(redirectUriProblem("com.example.app:/o\tauth", { allowCustomScheme: true })).toBe("uriWhitespace");
    expect(redirectUriProblem("https://rp.example.com/\u202Ebc", web)).toBe("textBidiControl");
  });

  it("still accepts encoded spaces", () => {
    expect(redirectUriProblem("https://rp.example.com/cb?x=a%20b", web)).toBeUndefined();
  });

  it("names the row in redirect, logout and CORS lists", () => {
    const result = createApplicationSchema.safeParse({
      type: "traditional",
      name: "Wiki",
      redirectUris: ["https://rp.example.com/cb", "https://rp.exa\tmple.com/cb"],
      postLogoutRedirectUris: ["https://rp.example.com/bye\nx"],
    });
    expect(errorPaths(result)).toEqual(["postLogoutRedirectUris.0", "redirectUris.1"]);
    expect(
      errorPaths(z.object({ corsOrigins: originList }).safeParse({ corsOrigins: ["https://exa\tmple.com"] })),
    ).toEqual(["corsOrigins.0"]);
    expect(
      errorPaths(updateApplicationSchema("third-party").safeParse({ logoUrl: "https://cdn.exa\nmple.com/l.png" })),
    ).toEqual(["logoUrl"]);
  });
});
