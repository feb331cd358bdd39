import { existsSync, renameSync } from "node:fs";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { rewrapKeys, wrappedKekId } from "../oidc/key-sealing";
import { type Kek, kekFromSecret } from "../secrets/envelope";
import { createSecretFile, openKek, readSecretFile, secretFilePath } from "../secrets/kek";

export type RewrapOptions = {
  /** A file holding the new secret (instead of LATCHKEY_SECRET_NEW). */
  newSecretFile?: string;
  /** Embedded database without LATCHKEY_SECRET: make a new secret.key and switch to it. */
  generate: boolean;
};

export type RewrapReport = {
  from: string;
  to: string;
  rewrapped: number;
  alreadyCurrent: number;
  sealed: number;
  /** With --generate: where the new and the old secret are. */
  secretFile?: string;
  previousSecretFile?: string;
};

/** The KEK the database's keys are under now: the one the server would open. */
export function currentKek(env: Env, database: Database): Promise<Kek> {
  return openKek(env, () => wrappedKekId(database.prisma));
}

/**
 * `keys rewrap`: re-encrypts every stored key under a new KEK, all rows in one transaction.
 * The old KEK is the one the server uses (LATCHKEY_SECRET, or the embedded database's
 * secret.key); the new one comes from LATCHKEY_SECRET_NEW, --new-secret-file, or, with
 * --generate, a new secret.key. Rows already under the new KEK are left alone, so a second run
 * (or a run after an interruption) changes nothing it need not.
 */
export async function rewrap(env: Env, database: Database, options: RewrapOptions): Promise<RewrapReport> {
  const sources = [options.generate, options.newSecretFile !== undefined, Boolean(process.env.LATCHKEY_SECRET_NEW)];
  if (sources.filter(Boolean).length !== 1) {
    throw new RewrapUsageError(
      "give the new secret one way: LATCHKEY_SECRET_NEW, --new-secret-file FILE, or --generate (embedded database without LATCHKEY_SECRET)",
    );
  }
  if (options.generate && (env.LATCHKEY_SECRET || database.kind !== "sqlite")) {
    throw new RewrapUsageError(
      "--generate replaces the embedded database's secret.key; with LATCHKEY_SECRET set, give the new one in LATCHKEY_SECRET_NEW",
    );
  }
  if (options.generate) {
    const finished = await finishInterruptedSwap(database);
    if (finished) return finished;
  }
  const old = await currentKek(env, database);
  if (!options.generate) {
    const next = options.newSecretFile
      ? readSecretFile(options.newSecretFile)
      : kekFromSecret(process.env.LATCHKEY_SECRET_NEW as string, "LATCHKEY_SECRET_NEW");
    return { ...(await rewrapKeys(database.prisma, [old], next)), from: old.id };
  }
  // The new secret is written beside the old one first and kept there if anything fails, so a
  // rerun finishes the same switch instead of starting another.
  const { path, pending, previous } = secretFiles(database);
  if (!existsSync(pending)) createSecretFile(pending);
  const next = readSecretFile(pending);
  const result = await rewrapKeys(database.prisma, [old], next);
  if (existsSync(path)) renameSync(path, previous);
  renameSync(pending, path);
  return { ...result, from: old.id, secretFile: path, previousSecretFile: previous };
}

function secretFiles(database: Database) {
  const path = secretFilePath(database.url);
  return { path, pending: `${path}.new`, previous: `${path}.old` };
}

/**
 * A --generate run stopped between moving the old secret.key aside and moving the new one in
 * leaves no secret.key, with the keys already under the new one: this run completes that swap
 * (and rotates nothing more). Returns undefined when there is nothing to finish.
 */
async function finishInterruptedSwap(database: Database): Promise<RewrapReport | undefined> {
  const { path, pending, previous } = secretFiles(database);
  if (existsSync(path) || !existsSync(pending)) return undefined;
  renameSync(pending, path);
  const kek = readSecretFile(path);
  return {
    ...(await rewrapKeys(database.prisma, [kek], kek)),
    from: kek.id,
    secretFile: path,
    previousSecretFile: previous,
  };
}

export class RewrapUsageError extends Error {}

export function describeRewrap(report: RewrapReport): string[] {
  const lines = [
    `Re-encrypted ${report.rewrapped} keys from key-encryption key ${report.from} to ${report.to}` +
      ` (${report.alreadyCurrent} already under it, ${report.sealed} were in plain text).`,
  ];
  if (report.secretFile) {
    lines.push(`${report.secretFile} now holds the new secret; the old one is in ${report.previousSecretFile}`);
    lines.push("(keep it only as long as you keep backups made before now). Restart Latchkey.");
  } else {
    lines.push("Now set LATCHKEY_SECRET to the new secret on every instance and restart them.");
  }
  return lines;
}
