import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { JWK } from "oidc-provider";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../errors";
import { randomId } from "../ids";
import type { Kek } from "../secrets/envelope";
import { type SigningAlgorithm, signingAlgorithms } from "../validation/key";
import { fingerprint, type ScheduledKey, type SigningKeyRow, scheduleKeys } from "./key-schedule";
import { open, seal, sealPlaintextKeys } from "./key-sealing";

export { type SigningAlgorithm, signingAlgorithms } from "../validation/key";

export type KeySet = { jwks: JWK[]; cookieKeys: string[] };
/** The keys an instance starts with, and the fingerprint of their schedule (see key-ring.ts). */
export type LoadedKeys = KeySet & { fingerprint: string };

export function generateSigningJwk(alg: SigningAlgorithm): JWK {
  const { privateKey } =
    alg === "RS256"
      ? generateKeyPairSync("rsa", { modulusLength: 2048 })
      : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" }) as JWK;
  return { ...jwk, kid: randomId(16), alg, use: "sig" };
}

const BOOTSTRAP_MARKER = "bootstrap";

/** A new row's data: the key encrypted under the KEK, bound to the row's id and kind. */
export function sealedRow(kek: Kek, row: { id: string; kind: string; alg?: string }, plaintext: string) {
  return { ...row, value: seal(kek, row, plaintext) };
}

/**
 * Loads the signing and cookie keys, generating them on the very first start. Exactly one
 * instance generates them even when several start at once on an empty database: the first to
 * insert the marker row wins, the others wait for its transaction and read what it wrote.
 * They are stored encrypted under `kek` (see key-sealing.ts); keys an older version stored in
 * plain text are encrypted in place first.
 */
export async function loadKeys(db: Db, kek: Kek, now = new Date()): Promise<LoadedKeys> {
  await sealPlaintextKeys(db, kek);
  const existing = await readKeys(db, kek, now);
  if (existing) return existing;
  try {
    await db.$transaction(async (tx) => {
      await tx.keyMaterial.create({ data: { id: BOOTSTRAP_MARKER, kind: "marker", value: "" } });
      const rows = [
        ...signingAlgorithms.map((alg) => {
          const jwk = generateSigningJwk(alg);
          return sealedRow(kek, { id: jwk.kid as string, kind: "signing", alg }, JSON.stringify(jwk));
        }),
        sealedRow(kek, { id: randomId(16), kind: "cookie" }, randomBytes(32).toString("base64url")),
      ];
      for (const data of rows) await tx.keyMaterial.create({ data });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const keys = await readKeys(db, kek, now);
  if (!keys) throw new Error("signing keys could not be initialised");
  return keys;
}

async function readKeys(db: Db, kek: Kek, now: Date): Promise<LoadedKeys | undefined> {
  const cookieRows = await db.keyMaterial.findMany({
    where: { kind: "cookie", status: { in: ["current", "previous"] } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const scheduled = scheduleKeys(await readSigningKeyRows(db), now);
  const jwks = await signingJwks(db, kek, scheduled);
  const cookieKeys = cookieRows.map((row) => open(kek, row));
  if (jwks.length === 0 || cookieKeys.length === 0) return undefined;
  return { jwks, cookieKeys, fingerprint: fingerprint(scheduled) };
}

/** Every signing key's schedule fields, without the private values: cheap enough to poll. */
export function readSigningKeyRows(db: Db): Promise<SigningKeyRow[]> {
  return db.keyMaterial.findMany({
    where: { kind: "signing" },
    select: { id: true, alg: true, status: true, createdAt: true, activatesAt: true, retiresAt: true },
  });
}

/** The private JWKs of the scheduled keys, in the schedule's order (signing keys first). */
export async function signingJwks(db: Db, kek: Kek, keys: ScheduledKey[]): Promise<JWK[]> {
  const rows = await db.keyMaterial.findMany({ where: { kind: "signing", id: { in: keys.map((key) => key.id) } } });
  const values = new Map(rows.map((row) => [row.id, JSON.parse(open(kek, row)) as JWK]));
  return keys.flatMap((key) => values.get(key.id) ?? []);
}
