import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databaseKind, sqliteFile } from "../db/url";
import { generateSecret, type Kek, kekFromSecret } from "./envelope";

export const SECRET_FILE_NAME = "secret.key";

/** The embedded database's secret file: beside the SQLite file (data/secret.key by default). */
export function secretFilePath(databaseUrl: string): string {
  return join(dirname(sqliteFile(databaseUrl)), SECRET_FILE_NAME);
}

/** Reads a secret file; its content is a secret like LATCHKEY_SECRET's. */
export function readSecretFile(path: string): Kek {
  return kekFromSecret(readFileSync(path, "utf8"), path);
}

/** Writes a new secret file readable by its owner only; false when one is there already. */
export function createSecretFile(path: string): boolean {
  try {
    writeFileSync(path, `${generateSecret()}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  // The mode above is narrowed further by the umask only; make sure nothing widened it.
  chmodSync(path, 0o600);
  return true;
}

export type KekSettings = { LATCHKEY_SECRET?: string; DATABASE_URL: string };

/**
 * The KEK this instance (or the CLI) uses: LATCHKEY_SECRET when set; otherwise, on the embedded
 * SQLite database only, the secret file beside it, created on first start. PostgreSQL requires
 * LATCHKEY_SECRET: several instances share that database and must share the KEK, and a file made
 * on one host would not be on the others.
 *
 * `wrappedWith` tells which KEK the database's keys are encrypted with, if any: a missing secret
 * file is then an error (a copied database, or a lost file), never a reason to make a new one.
 */
export async function openKek(settings: KekSettings, wrappedWith: () => Promise<string | undefined>): Promise<Kek> {
  if (settings.LATCHKEY_SECRET) return kekFromSecret(settings.LATCHKEY_SECRET, "LATCHKEY_SECRET");
  if (databaseKind(settings.DATABASE_URL) === "postgresql") {
    throw new Error(
      "LATCHKEY_SECRET is required with PostgreSQL: it encrypts the signing and cookie keys stored in the database, " +
        "and every instance (and the CLI) needs the same one. Generate one with `openssl rand -base64 32`.",
    );
  }
  const path = secretFilePath(settings.DATABASE_URL);
  if (!existsSync(path)) {
    const kekId = await wrappedWith();
    if (kekId) {
      throw new Error(
        `${path} is missing, and the database's keys are encrypted with key-encryption key ${kekId}. ` +
          "Restore the secret.key file this database was created with, or set LATCHKEY_SECRET to its value.",
      );
    }
    createSecretFile(path);
  }
  return readSecretFile(path);
}
