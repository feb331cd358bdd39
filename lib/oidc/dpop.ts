import { hkdfSync } from "node:crypto";

/**
 * The secret oidc-provider makes DPoP nonces from (RFC 9449 §8). A nonce one instance hands out
 * must be accepted by every other one behind the same load balancer, so the secret comes from
 * what all instances already share: the cookie key, stored in the database sealed under the KEK
 * (lib/oidc/keys.ts) and read by each instance at start. HKDF with its own label keeps the two
 * uses apart: the nonce secret reveals nothing about the cookie key, and the reverse.
 */
export function dpopNonceSecret(cookieKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", cookieKey, "latchkey", "latchkey dpop nonce v1", 32));
}
