import { describe, expect, it } from "vitest";
import { relyingParty } from "../../lib/passkeys/relying-party";
import type { InteractionView } from "../../lib/provider-pages/data";
import { renderPage } from "../../lib/provider-pages/render";

const assets = { stylesheets: ["/_latchkey/pages-test.css"], scripts: ["/_latchkey/pages-test.js"] };
const client = { name: "Acme Wiki", clientId: "acme-wiki", thirdParty: true };
const account = { email: "bo@example.com", name: "Bo" };
const login: InteractionView = { kind: "login", uid: "uid-123", csrf: "csrf-abc", client };
const secondStep = (factors: { totp: boolean; passkey: boolean }): InteractionView => ({
  kind: "second_factor",
  uid: "uid-123",
  csrf: "csrf-abc",
  client,
  account,
  recovery: false,
  ...factors,
});

/** The opening tag of the passkey block (the pages' script finds it by `data-passkey`). */
const passkeyBlock = (html: string) => /<div\b[^>]*data-passkey="[^"]*"[^>]*>/.exec(html)?.[0];

describe("passkeys on the end-user pages", () => {
  it("loads the pages' script from this origin under the response's nonce", () => {
    const html = renderPage("interaction", login, { locale: "en", nonce: "n0nce", assets });
    expect(html).toContain('<script defer src="/_latchkey/pages-test.js" nonce="n0nce"></script>');
    expect(html).not.toMatch(/<script(?![^>]*nonce="n0nce")/);
  });

  it("offers a passkey on the sign-in page only once the script shows it, and in the email's autofill", () => {
    for (const locale of ["en", "ko"] as const) {
      const html = renderPage("interaction", login, { locale, nonce: "n", assets });
      const block = passkeyBlock(html) ?? "";
      expect(block).toContain("hidden");
      expect(block).toContain('data-passkey="/interaction/uid-123"');
      expect(block).toContain('data-csrf="csrf-abc"');
      expect(block).toContain('data-autofill="true"');
      // HTML attribute names are case-insensitive (React writes autoComplete).
      expect(html).toMatch(/<input type="email" autocomplete="username webauthn"/i);
      // The password form is still there, posting without a script.
      expect(html).toContain('action="/interaction/uid-123/login"');
    }
    expect(renderPage("interaction", login, { locale: "en", nonce: "n", assets })).toContain("Sign in with a passkey");
    expect(renderPage("interaction", login, { locale: "ko", nonce: "n", assets })).toContain("패스키로 로그인");
  });

  it("offers a passkey as the second factor, beside the app's code or alone", () => {
    const both = renderPage("interaction", secondStep({ totp: true, passkey: true }), {
      locale: "en",
      nonce: "n",
      assets,
    });
    expect(passkeyBlock(both)).toContain('data-autofill="false"');
    expect(both).toContain("Use a passkey");
    expect(both).toContain('action="/interaction/uid-123/second-factor"');

    const alone = renderPage("interaction", secondStep({ totp: false, passkey: true }), {
      locale: "ko",
      nonce: "n",
      assets,
    });
    expect(passkeyBlock(alone)).toBeDefined();
    expect(alone).toContain("패스키 사용");
    // No code form and no recovery link for a user who has no app.
    expect(alone).not.toContain('action="/interaction/uid-123/second-factor"');
    expect(alone).not.toContain("?method=recovery");
    expect(alone).toContain("<noscript>");

    const codeOnly = renderPage("interaction", secondStep({ totp: true, passkey: false }), {
      locale: "en",
      nonce: "n",
      assets,
    });
    expect(passkeyBlock(codeOnly)).toBeUndefined();
  });

  it("binds passkeys to the host of APP_URL", () => {
    expect(relyingParty("https://id.example.com")).toEqual({
      id: "id.example.com",
      origin: "https://id.example.com",
      name: "Latchkey",
    });
    expect(relyingParty("http://127.0.0.1:3000")).toMatchObject({ id: "127.0.0.1", origin: "http://127.0.0.1:3000" });
  });
});
