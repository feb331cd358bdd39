import { describe, expect, it } from "vitest";
import { pkceRequired } from "../../lib/oidc/pkce-policy";

const publicClient = { confidential: false, policy: "not_required" } as const;
const confidential = { confidential: true, policy: "pkce_or_nonce" } as const;
const strict = { confidential: true, policy: "required" } as const;
const lenient = { confidential: true, policy: "not_required" } as const;

describe("when an authorization request must carry PKCE (RFC 9700 §2.1.1)", () => {
  it("always for a public client, nonce or not", () => {
    expect(pkceRequired({ scope: "openid email", nonce: "n-0S6_WzA2Mj" }, publicClient)).toBe(true);
  });

  it("not for a confidential client's OpenID request with a nonce", () => {
    expect(pkceRequired({ scope: "email openid", nonce: "n-0S6_WzA2Mj" }, confidential)).toBe(false);
  });

  it("for a confidential client without a nonce, with an empty one, or outside OpenID", () => {
    expect(pkceRequired({ scope: "openid email" }, confidential)).toBe(true);
    expect(pkceRequired({ scope: "openid", nonce: "" }, confidential)).toBe(true);
    expect(pkceRequired({ scope: "email", nonce: "n-0S6_WzA2Mj" }, confidential)).toBe(true);
    expect(pkceRequired({ scope: "openidx", nonce: "n-0S6_WzA2Mj" }, confidential)).toBe(true);
  });

  it("always when the app says so", () => {
    expect(pkceRequired({ scope: "openid", nonce: "n-0S6_WzA2Mj" }, strict)).toBe(true);
  });

  it("never for a confidential app that accepts neither (a service that sends only state)", () => {
    expect(pkceRequired({ scope: "openid email" }, lenient)).toBe(false);
    expect(pkceRequired({ scope: "email" }, lenient)).toBe(false);
  });
});
