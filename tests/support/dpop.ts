import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

type ProofKey = Awaited<ReturnType<typeof generateKeyPair>>;

/** DPoP proofs (RFC 9449) made by hand, for tests that need to choose their nonce and address. */
export const dpopProof = {
  key: () => generateKeyPair("ES256"),
  async sign(key: ProofKey, method: string, url: string, nonce?: string): Promise<string> {
    const jwk = await exportJWK(key.publicKey);
    return new SignJWT({ htm: method, htu: url, jti: randomUUID(), ...(nonce ? { nonce } : {}) })
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk })
      .setIssuedAt()
      .sign(key.privateKey);
  },
};
