import type { Actor } from "../audit/events";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { ConflictError } from "../errors";
import type { Kek } from "../secrets/envelope";
import { rotateKeySchema } from "../validation/key";
import { type KeyStatus, type ScheduledKey, type SigningKeyRow, scheduleKeys } from "./key-schedule";
import { generateSigningJwk, loadKeys, readSigningKeyRows, sealedRow } from "./keys";

/** What the console, the API and the CLI show of a key: never any part of the key itself. */
export type SigningKeyView = {
  kid: string;
  alg: string;
  status: KeyStatus;
  createdAt: Date;
  /** Next keys: when the key starts signing. */
  activatesAt?: Date;
  /** Previous keys: when the key leaves the JWKS. */
  retiresAt?: Date;
};

function view({ id, alg, status, createdAt, activatesAt, retiresAt }: ScheduledKey): SigningKeyView {
  const dates = { ...(status === "next" ? { activatesAt } : {}), ...(retiresAt ? { retiresAt } : {}) };
  return { kid: id, alg, status, createdAt, ...dates };
}

/** The published keys, signing keys first. */
export async function listSigningKeys(db: Db, now = new Date()): Promise<SigningKeyView[]> {
  return scheduleKeys(await readSigningKeyRows(db), now).map(view);
}

/**
 * Starts a rotation: stores a new key that every instance publishes within a poll interval
 * and that signs only from `activationSeconds` from now, so by then every instance publishes
 * it and a relying party that looks up an unknown kid finds it. The key it replaces stays
 * published (see key-schedule.ts). One rotation per algorithm at a time.
 */
export async function rotateSigningKey(
  db: Db,
  input: unknown,
  {
    activationSeconds,
    actor,
    kek,
    now = new Date(),
  }: { activationSeconds: number; actor: Actor; kek: Kek; now?: Date },
): Promise<SigningKeyView> {
  const { alg } = rotateKeySchema.parse(input);
  // From the CLI before any server ran: the first keys must exist before a next one.
  await loadKeys(db, kek, now);
  const pending = scheduleKeys(await readSigningKeyRows(db), now).find(
    (key) => key.alg === alg && key.status === "next",
  );
  if (pending) {
    throw new ConflictError(
      `A new ${alg} key (${pending.id}) is already waiting to take over at ${pending.activatesAt.toISOString()}.`,
      "pending_rotation",
    );
  }
  const jwk = generateSigningJwk(alg);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.keyMaterial.create({
      data: {
        ...sealedRow(kek, { id: jwk.kid as string, kind: "signing", alg }, JSON.stringify(jwk)),
        status: "next",
        createdAt: now,
        activatesAt: new Date(now.getTime() + activationSeconds * 1000),
      },
    });
    // The kid and its schedule only: never key material.
    await recordAudit(tx, {
      type: "key.rotated",
      actor,
      after: { kid: created.id, alg, activatesAt: created.activatesAt?.toISOString() },
    });
    return created;
  });
  return view({ id: row.id, alg, status: "next", createdAt: row.createdAt, activatesAt: row.activatesAt ?? now });
}

/**
 * Brings the stored statuses in line with the schedule once a next key has taken over (the
 * schedule does not need it; people reading the table and the purge do). Each update is
 * conditional on the status it replaces, so instances doing it at once change a row once.
 */
export async function settleSigningKeys(
  db: Db,
  rows: SigningKeyRow[],
  keys: ScheduledKey[],
  now = new Date(),
): Promise<number> {
  const stored = new Map(rows.map((row) => [row.id, row]));
  const scheduled = new Set(keys.map((key) => key.id));
  let changed = 0;
  // Promotions first: a crash halfway leaves two current keys, which the schedule resolves.
  const due = keys
    .filter((key) => stored.get(key.id)?.status !== key.status)
    .sort((a, b) => (a.status === "current" ? -1 : 0) - (b.status === "current" ? -1 : 0));
  for (const key of due) {
    const result = await db.keyMaterial.updateMany({
      where: { id: key.id, status: stored.get(key.id)?.status },
      data: { status: key.status, ...(key.status === "previous" ? { retiresAt: key.retiresAt } : {}) },
    });
    changed += result.count;
  }
  // Replaced so long ago that it is retired already (no instance ran in between): mark it for the purge.
  for (const row of rows) {
    if (scheduled.has(row.id) || row.status === "previous") continue;
    const result = await db.keyMaterial.updateMany({
      where: { id: row.id, status: row.status },
      data: { status: "previous", retiresAt: now },
    });
    changed += result.count;
  }
  return changed;
}
