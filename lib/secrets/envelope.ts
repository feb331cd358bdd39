import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * A key-encryption key (KEK): the one secret kept outside the database. It encrypts the keys the
 * database holds (signing keys, cookie keys), so a copy of the database alone signs nothing and
 * forges no session.
 */
export type Kek = {
  /** A fingerprint that names the KEK in envelopes and errors; reveals nothing about it. */
  id: string;
  key: Buffer;
  /** Where it came from (LATCHKEY_SECRET, a file path), for error messages. */
  source: string;
};

/** Version 1 envelopes: `lk1.<kek id>.<iv>.<ciphertext and tag>`, AES-256-GCM, base64url parts. */
const PREFIX = "lk1";
const MIN_SECRET_BYTES = 32;

export class KeyDecryptionError extends Error {}

/**
 * Decodes a KEK secret as hex or base64 (either alphabet) and refuses one shorter than 32 bytes.
 * Messages never include the value.
 */
export function decodeSecret(value: string, source: string): Buffer {
  const text = value.trim();
  let bytes: Buffer | undefined;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) bytes = Buffer.from(text, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) bytes = Buffer.from(text, "base64");
  if (!bytes) throw new Error(`${source} must be hex or base64 (generate one with: openssl rand -base64 32)`);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new Error(
      `${source} is too short: it holds ${bytes.length} bytes and needs at least ${MIN_SECRET_BYTES} random bytes, hex or base64 (generate one with: openssl rand -base64 32)`,
    );
  }
  return bytes;
}

/** The KEK derived from a secret (HKDF, so the same secret never serves two purposes). */
export function kekFromSecret(secret: string, source: string): Kek {
  const bytes = decodeSecret(secret, source);
  const key = Buffer.from(hkdfSync("sha256", bytes, "latchkey", "latchkey key encryption v1", 32));
  const id = createHmac("sha256", key).update("latchkey kek id").digest("hex").slice(0, 16);
  return { id, key, source };
}

/** A new random secret, as written to a secret file. */
export function generateSecret(): string {
  return randomBytes(MIN_SECRET_BYTES).toString("base64url");
}

export function isWrapped(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}

/** The id of the KEK an envelope was made with; undefined for a plaintext value. */
export function envelopeKekId(value: string): string | undefined {
  return isWrapped(value) ? value.split(".")[1] : undefined;
}

/**
 * Encrypts `plaintext` under `kek`. `context` (the row's purpose and id) is bound as associated
 * data: an envelope copied into another row, or another purpose, does not decrypt.
 */
export function wrap(kek: Kek, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [PREFIX, kek.id, iv.toString("base64url"), body.toString("base64url")].join(".");
}

/** Decrypts an envelope with whichever of `keks` made it; a clear error when none did. */
export function unwrap(keks: Kek | Kek[], envelope: string, context: string): string {
  const list = Array.isArray(keks) ? keks : [keks];
  const [prefix, kekId, iv, body] = envelope.split(".");
  if (prefix !== PREFIX || !kekId || !iv || !body) {
    throw new KeyDecryptionError(`${context} is not an encrypted key (unknown format)`);
  }
  const kek = list.find((candidate) => candidate.id === kekId);
  if (!kek) {
    throw new KeyDecryptionError(
      `${context} was encrypted with key-encryption key ${kekId}, but ${list.map((k) => `${k.source} is ${k.id}`).join(" and ")}. ` +
        "Start with the LATCHKEY_SECRET (or secret.key file) this database was encrypted with; see the README's Configuration.",
    );
  }
  const data = Buffer.from(body, "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", kek.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new KeyDecryptionError(`${context} does not decrypt with ${kek.source} (altered, or moved from another row)`);
  }
}
