import { describe, expect, it } from "vitest";
import { ACR_PASSWORD, ACR_TWO_FACTOR, asksForTwoFactor } from "../../lib/oidc/acr";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCode } from "../../lib/two-factor/recovery-codes";
import { base32Decode, base32Encode, matchingStep, otpauthUri, stepAt, totpAt } from "../../lib/two-factor/totp";

// RFC 6238 Appendix B (SHA-1): the key is the ASCII "12345678901234567890"; apps show the last 6 digits.
const rfcSecret = base32Encode(Buffer.from("12345678901234567890"));
const vectors: [number, string][] = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
  [20000000000, "353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(vectors)("at %i s the code is %s", (seconds, code) => {
    expect(totpAt(rfcSecret, seconds * 1000)).toBe(code);
  });

  it("round-trips base32 as authenticator apps read it (case, spaces and padding ignored)", () => {
    const bytes = Buffer.from("any secret bytes!");
    const text = base32Encode(bytes);
    expect(base32Decode(text.toLowerCase().replace(/(.{4})/g, "$1 "))).toEqual(bytes);
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
  });

  it("accepts one step either side of now, not two", () => {
    const now = 1_700_000_000_000;
    const step = stepAt(now);
    const at = (s: number) => totpAt(rfcSecret, s * 30_000);
    expect(matchingStep(rfcSecret, at(step - 1), now)).toBe(step - 1);
    expect(matchingStep(rfcSecret, at(step + 1), now)).toBe(step + 1);
    expect(matchingStep(rfcSecret, at(step - 2), now)).toBeUndefined();
    expect(matchingStep(rfcSecret, at(step + 2), now)).toBeUndefined();
    expect(matchingStep(rfcSecret, `${at(step).slice(0, 3)} ${at(step).slice(3)}`, now)).toBe(step);
  });

  it("refuses a step at or before the last one used (a code is good once)", () => {
    const now = 1_700_000_000_000;
    const code = totpAt(rfcSecret, now);
    expect(matchingStep(rfcSecret, code, now, stepAt(now) - 1)).toBe(stepAt(now));
    expect(matchingStep(rfcSecret, code, now, stepAt(now))).toBeUndefined();
  });

  it("refuses anything that is not six digits", () => {
    expect(matchingStep(rfcSecret, "", 0)).toBeUndefined();
    expect(matchingStep(rfcSecret, "28708", 59_000)).toBeUndefined();
    expect(matchingStep(rfcSecret, "2870822", 59_000)).toBeUndefined();
  });

  it("puts the secret, issuer and account in the otpauth URI", () => {
    const uri = new URL(otpauthUri("ABCDEF", "Latchkey", "ana@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(`${uri.host}${decodeURIComponent(uri.pathname)}`).toBe("totp/Latchkey:ana@example.com");
    expect(uri.searchParams.get("secret")).toBe("ABCDEF");
    expect(uri.searchParams.get("issuer")).toBe("Latchkey");
  });
});

describe("recovery codes", () => {
  it("are distinct, shaped XXXXX-XXXXX, and hashed the same however they are typed", () => {
    const codes = new Set(Array.from({ length: 50 }, newRecoveryCode));
    expect(codes.size).toBe(50);
    const [code] = codes;
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(looksLikeRecoveryCode(code)).toBe(true);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
    expect(hashRecoveryCode(code.toLowerCase().replace("-", " "))).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode(code)).not.toContain(code.replace("-", ""));
  });
});

describe("acr_values asking for two-factor", () => {
  it("asks when every acceptable value is the two-factor one", () => {
    expect(asksForTwoFactor({ acr_values: ACR_TWO_FACTOR })).toBe(true);
    expect(asksForTwoFactor({ acr_values: `${ACR_TWO_FACTOR} ${ACR_PASSWORD}` })).toBe(false);
    expect(asksForTwoFactor({})).toBe(false);
    const essential = JSON.stringify({ id_token: { acr: { essential: true, value: ACR_TWO_FACTOR } } });
    expect(asksForTwoFactor({ claims: essential })).toBe(true);
    const voluntary = JSON.stringify({ id_token: { acr: { value: ACR_TWO_FACTOR } } });
    expect(asksForTwoFactor({ claims: voluntary })).toBe(false);
  });
});
