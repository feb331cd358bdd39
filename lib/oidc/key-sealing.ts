import type { Db } from "../db/client";
import { envelopeKekId, isWrapped, type Kek, unwrap, wrap } from "../secrets/envelope";

/** The kinds of KeyMaterial rows that hold a secret (markers hold nothing). */
export const sealedKinds = ["signing", "cookie"] as const;

type KeyRow = { id: string; kind: string; value: string };

/** The associated data of a row's envelope: its table, purpose and id. */
export function sealContext(row: { id: string; kind: string }): string {
  return `KeyMaterial ${row.kind} ${row.id}`;
}

export function seal(kek: Kek, row: { id: string; kind: string }, plaintext: string): string {
  return wrap(kek, plaintext, sealContext(row));
}

export function open(kek: Kek | Kek[], row: KeyRow): string {
  return unwrap(kek, row.value, sealContext(row));
}

/** The KEK id of any encrypted key in the database (to tell a fresh database from a copied one). */
export async function wrappedKekId(db: Db): Promise<string | undefined> {
  const row = await db.keyMaterial.findFirst({
    where: { kind: { in: [...sealedKinds] }, value: { startsWith: "lk1." } },
    select: { value: true },
  });
  return row ? envelopeKekId(row.value) : undefined;
}

/**
 * Encrypts, in place and in one transaction, the keys stored in plain text by versions before
 * encryption at rest. Each update is conditional on the plaintext it replaces, so instances
 * starting at once encrypt a row once. Returns how many rows it encrypted.
 */
export async function sealPlaintextKeys(db: Db, kek: Kek): Promise<number> {
  const plaintext = await db.keyMaterial.count({
    where: { kind: { in: [...sealedKinds] }, NOT: { value: { startsWith: "lk1." } } },
  });
  if (plaintext === 0) return 0;
  return scrubbing(db, () =>
    db.$transaction(async (tx) => {
      const rows = await tx.keyMaterial.findMany({
        where: { kind: { in: [...sealedKinds] }, NOT: { value: { startsWith: "lk1." } } },
        select: { id: true, kind: true, value: true },
      });
      let count = 0;
      for (const row of rows) {
        const updated = await tx.keyMaterial.updateMany({
          where: { id: row.id, value: row.value },
          data: { value: seal(kek, row, row.value) },
        });
        count += updated.count;
      }
      return count;
    }),
  );
}

/**
 * Runs `work` (which replaces stored keys) so that on SQLite the replaced values do not stay in
 * the file: SQLite keeps replaced content in free space and in its write-ahead log until reused;
 * with secure_delete it overwrites it with zeros, and a truncating checkpoint empties the log.
 */
async function scrubbing<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const sqlite = await sqliteSecureDelete(db, true);
  try {
    return await work();
  } finally {
    if (sqlite) {
      await sqliteSecureDelete(db, false);
      await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }
}

/** False on PostgreSQL, which has no such pragma (the statement fails and changes nothing). */
async function sqliteSecureDelete(db: Db, on: boolean): Promise<boolean> {
  try {
    await db.$queryRawUnsafe(`PRAGMA secure_delete = ${on ? "ON" : "OFF"}`);
    return true;
  } catch {
    return false;
  }
}

export type RewrapResult = {
  from: string[];
  to: string;
  /** Re-encrypted from an old KEK to the new one. */
  rewrapped: number;
  /** Already under the new KEK (a rerun, or a rewrap that was interrupted): left alone. */
  alreadyCurrent: number;
  /** Found in plain text (never started since the upgrade) and encrypted. */
  sealed: number;
};

/**
 * Re-encrypts every stored key under `to`, in one transaction: rows under one of `from` are
 * decrypted and encrypted again, rows already under `to` are left alone (so running it twice, or
 * again after an instance wrote a key with the old KEK, is safe), plaintext rows are encrypted.
 * A row under a KEK neither side knows aborts everything, naming that KEK.
 */
export async function rewrapKeys(db: Db, from: Kek[], to: Kek): Promise<RewrapResult> {
  const result: RewrapResult = { from: from.map((k) => k.id), to: to.id, rewrapped: 0, alreadyCurrent: 0, sealed: 0 };
  await scrubbing(db, () =>
    db.$transaction(async (tx) => {
      const rows = await tx.keyMaterial.findMany({
        where: { kind: { in: [...sealedKinds] } },
        select: { id: true, kind: true, value: true },
      });
      for (const row of rows) {
        if (envelopeKekId(row.value) === to.id) {
          open(to, row);
          result.alreadyCurrent++;
          continue;
        }
        const plaintext = isWrapped(row.value) ? open(from, row) : row.value;
        await tx.keyMaterial.update({ where: { id: row.id }, data: { value: seal(to, row, plaintext) } });
        if (isWrapped(row.value)) result.rewrapped++;
        else result.sealed++;
      }
    }),
  );
  return result;
}
