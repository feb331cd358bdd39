import { describe, expect, it } from "vitest";
import { APP_CLAIM, issuedToThisApp } from "../../lib/oidc/client-store";
import { decodeSecret, generateSecret, kekFromSecret, unwrap, wrap } from "../../lib/secrets/envelope";

describe("key envelopes", () => {
  const kek = kekFromSecret(generateSecret(), "LATCHKEY_SECRET");

  it("decrypt only in the row and purpose they were made for, and only untouched", () => {
    const envelope = wrap(kek, "private key", "KeyMaterial signing abc");
    expect(envelope).toMatch(new RegExp(`^lk1\\.${kek.id}\\.`));
    expect(envelope).not.toContain("private key");
    expect(unwrap(kek, envelope, "KeyMaterial signing abc")).toBe("private key");
    // Copied into another row, or relabelled as a cookie key: refused.
    expect(() => unwrap(kek, envelope, "KeyMaterial signing xyz")).toThrow(/does not decrypt/);
    expect(() => unwrap(kek, envelope, "KeyMaterial cookie abc")).toThrow(/does not decrypt/);
    const parts = envelope.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    const tampered = [...parts.slice(0, 3), body.toString("base64url")].join(".");
    expect(() => unwrap(kek, tampered, "KeyMaterial signing abc")).toThrow(/does not decrypt/);
  });

  it("name the KEK they need when another one is given", () => {
    const envelope = wrap(kek, "x", "ctx");
    const other = kekFromSecret(generateSecret(), "secret.key");
    expect(() => unwrap(other, envelope, "ctx")).toThrow(
      `ctx was encrypted with key-encryption key ${kek.id}, but secret.key is ${other.id}`,
    );
    expect(unwrap([other, kek], envelope, "ctx")).toBe("x");
  });

  it("accept a secret of 32 bytes or more in hex or base64, and refuse a shorter one without echoing it", () => {
    expect(decodeSecret("ab".repeat(32), "S")).toHaveLength(32);
    expect(decodeSecret(Buffer.alloc(40, 7).toString("base64"), "S")).toHaveLength(40);
    expect(() => decodeSecret("short-but-base64ish", "LATCHKEY_SECRET")).toThrow(/LATCHKEY_SECRET is too short/);
    expect(() => decodeSecret("not base64 at all!", "LATCHKEY_SECRET")).toThrow(/hex or base64/);
    try {
      decodeSecret("hunter2hunter2", "S");
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2");
    }
  });
});

describe("a client_credentials token's app", () => {
  const app = { applicationId: "row-2", createdAt: Date.parse("2026-01-01T00:00:10.500Z") };

  it("is the row named in the token, whatever the clock says", () => {
    const sameSecond = Date.parse("2026-01-01T00:00:10Z") / 1000;
    expect(issuedToThisApp(app, { iat: sameSecond, extra: { [APP_CLAIM]: "row-2" } })).toBe(true);
    // A token of the row deleted before this one was imported under the same client ID.
    expect(issuedToThisApp(app, { iat: sameSecond, extra: { [APP_CLAIM]: "row-1" } })).toBe(false);
  });

  it("for tokens from before the claim, follows from the issue time", () => {
    expect(issuedToThisApp(app, { iat: Date.parse("2026-01-01T00:00:09Z") / 1000 })).toBe(false);
    expect(issuedToThisApp(app, { iat: Date.parse("2026-01-01T00:00:11Z") / 1000 })).toBe(true);
    expect(issuedToThisApp(app, {})).toBe(false);
  });
});
