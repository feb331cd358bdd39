import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { JWK } from "oidc-provider";
import type { Db } from "../db/client";
import { randomId } from "../ids";

export type KeySet = { jwks: JWK[]; cookieKeys: string[] };

/** Algorithms Latchkey signs with: RS256 for ID tokens (OIDC's default), ES256 for JWT access tokens. */
export const signingAlgorithms = ["RS256", "ES256"] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

export function generateSigningJwk(alg: SigningAlgorithm): JWK {
  const { privateKey } =
    alg === "RS256"
      ? generateKeyPairSync("rsa", { modulusLength: 2048 })
      : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" }) as JWK;
  return { ...jwk, kid: randomId(16), alg, use: "sig" };
}

const BOOTSTRAP_MARKER = "bootstrap";

/**
 * Loads the signing and cookie keys, generating them on the very first start. Exactly one
 * instance generates them even when several start at once on an empty database: the first to
 * insert the marker row wins, the others wait for its transaction and read what it wrote.
 */
export async function loadKeys(db: Db): Promise<KeySet> {
  const existing = await readKeys(db);
  if (existing) return existing;
  try {
    await db.$transaction(async (tx) => {
      await tx.keyMaterial.create({ data: { id: BOOTSTRAP_MARKER, kind: "marker", value: "" } });
      const rows = [
        ...signingAlgorithms.map((alg) => {
          const jwk = generateSigningJwk(alg);
          return { id: jwk.kid as string, kind: "signing", alg, value: JSON.stringify(jwk) };
        }),
        { id: randomId(16), kind: "cookie", value: randomBytes(32).toString("base64url") },
      ];
      for (const data of rows) await tx.keyMaterial.create({ data });
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  const keys = await readKeys(db);
  if (!keys) throw new Error("signing keys could not be initialised");
  return keys;
}

async function readKeys(db: Db): Promise<KeySet | undefined> {
  const rows = await db.keyMaterial.findMany({
    where: { kind: { in: ["signing", "cookie"] }, status: { in: ["current", "previous"] } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const jwks = rows.filter((r) => r.kind === "signing").map((r) => JSON.parse(r.value) as JWK);
  const cookieKeys = rows.filter((r) => r.kind === "cookie").map((r) => r.value);
  if (jwks.length === 0 || cookieKeys.length === 0) return undefined;
  return { jwks, cookieKeys };
}
