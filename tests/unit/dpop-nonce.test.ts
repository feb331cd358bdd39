import { describe, expect, it } from "vitest";
import { dpopNonceSecret } from "../../lib/oidc/dpop";

describe("the DPoP nonce secret", () => {
  it("is the same 32 bytes on every instance that read the same cookie key, and differs for another key", () => {
    const cookieKey = "kS2x1x8m2vJ0m6i2n5bXnqkq7VQ0o3nR4c1y2Gk9eAs";
    const secret = dpopNonceSecret(cookieKey);
    expect(secret).toHaveLength(32);
    expect(dpopNonceSecret(cookieKey).equals(secret)).toBe(true);
    expect(dpopNonceSecret(`${cookieKey.slice(0, -1)}t`).equals(secret)).toBe(false);
  });
});
