import { describe, expect, it } from "vitest";
import { fieldErrors } from "../../lib/errors";
import { validationText } from "../../lib/i18n/validation";
import { createApplicationSchema } from "../../lib/validation/application";
import { renamePasskeySchema } from "../../lib/validation/passkey";
import { redirectUriProblem } from "../../lib/validation/uri";

describe("redirect URI rules", () => {
  it.each([
    "https://app.example.com/callback",
    "https://app.example.com:8443/cb?tenant=a",
    "http://localhost:3000/cb",
    "http://127.0.0.1/cb",
    "http://[::1]:8080/cb",
  ])("accepts %s", (uri) => expect(redirectUriProblem(uri, { allowCustomScheme: false })).toBeUndefined());

  it.each([
    ["relative/path", /absolute URL/],
    ["http://app.example.com/cb", /Use https/],
    ["https://app.example.com/cb#x", /fragment/],
    ["javascript:alert(1)", /not allowed/],
    ["com.example.app:/cb", /native apps only/],
    [" https://app.example.com/cb", /spaces/],
  ])("refuses %s", (uri, message) => {
    const problem = redirectUriProblem(uri, { allowCustomScheme: false });
    expect(problem && validationText(problem)).toMatch(message);
  });

  it("lets native apps use a private-use scheme", () => {
    expect(redirectUriProblem("com.example.app:/oauth2redirect", { allowCustomScheme: true })).toBeUndefined();
  });
});

describe("createApplicationSchema", () => {
  it("names the row of every bad or repeated URI", () => {
    const result = createApplicationSchema.safeParse({
      type: "traditional",
      name: " ",
      redirectUris: ["https://ok.example.com/cb", "http://bad.example.com/cb", "https://ok.example.com/cb"],
    });
    expect(result.success).toBe(false);
    const errors = fieldErrors(result.error!);
    expect(Object.keys(errors).sort()).toEqual(["name", "redirectUris.1", "redirectUris.2"]);
    expect(errors["redirectUris.2"]).toEqual(["This URI is already listed"]);
  });

  it("keeps machine-to-machine apps free of redirects", () => {
    const result = createApplicationSchema.safeParse({
      type: "m2m",
      name: "Job",
      redirectUris: ["https://x.example.com/cb"],
    });
    expect(result.success).toBe(false);
  });
});

describe("passkey names", () => {
  it.each(["YubiKey 5", "Work laptop", "키 #2 (office)", "Mac: Touch ID"])("accepts %s", (name) =>
    expect(renamePasskeySchema.safeParse({ name }).success).toBe(true),
  );

  // The password-changed email lists names in its plain text, where mail programs turn addresses into links.
  it.each(["https://evil.example/reset", "see www.evil.example", "HTTP://x"])(
    "refuses %s, naming the field",
    (name) => {
      const result = renamePasskeySchema.safeParse({ name });
      expect(result.success).toBe(false);
      expect(fieldErrors(result.error!)).toEqual({ name: [validationText("noLinks", "en")] });
    },
  );
});
