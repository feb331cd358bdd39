import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { knownKey, knownKeyJti, storedId, withoutJti, writeKey } from "../../lib/oidc/stored-id";

describe("credential ids as stored", () => {
  it("are the SHA-256 of the value, base64url without padding (43 characters)", () => {
    const value = "Qm2u0n1a3LQ8d0yS3y0hQm2u0n1a3LQ8d0yS3y0hQm2";
    expect(storedId(value)).toBe(createHash("sha256").update(value).digest("base64url"));
    expect(storedId(value)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(storedId("abc")).toBe("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  });

  it("write a loaded object back to its row: a known key as it is, a raw id hashed", () => {
    const key = storedId("raw-token-value");
    expect(writeKey(knownKeyJti(key))).toBe(key);
    expect(writeKey("raw-token-value")).toBe(key);
    expect(knownKey(knownKeyJti(key))).toBe(key);
    // An id oidc-provider makes (URL-safe alphabet) is never taken for a known key.
    expect(knownKey(key)).toBeUndefined();
  });

  it("leave the value out of the stored payload", () => {
    expect(withoutJti({ jti: "raw", kind: "AccessToken", exp: 1 })).toEqual({ kind: "AccessToken", exp: 1 });
  });
});
