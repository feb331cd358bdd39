import type { Actor } from "../audit/events";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { NewPasskey } from "./ceremonies";

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; deviceType: string };

type Context = { actor: Actor; ip?: string };

/** A user's passkeys, oldest first (the order they were added). */
export function listPasskeys(db: Pick<Db, "passkey">, userId: string): Promise<PasskeySummary[]> {
  return db.passkey.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true },
  });
}

export async function hasPasskey(db: Db, userId: string): Promise<boolean> {
  return (await db.passkey.count({ where: { userId } })) > 0;
}

/** Stores a verified new passkey under its name, audited in the same transaction. */
export async function addPasskey(db: Db, userId: string, passkey: NewPasskey, name: string, context: Context) {
  await db.$transaction(async (tx) => {
    await tx.passkey.create({
      data: {
        id: passkey.id,
        userId,
        publicKey: passkey.publicKey,
        counter: BigInt(passkey.counter),
        transports: passkey.transports.join(","),
        deviceType: passkey.deviceType,
        backedUp: passkey.backedUp,
        name,
      },
    });
    await recordAudit(tx, {
      type: "passkey.registered",
      actor: context.actor,
      userId,
      after: { name, deviceType: passkey.deviceType },
      ip: context.ip,
    });
  });
}

/** Renames one of the user's own passkeys (another user's is not found). */
export async function renamePasskey(db: Db, userId: string, id: string, name: string) {
  const renamed = await db.passkey.updateMany({ where: { id, userId }, data: { name } });
  if (renamed.count !== 1) throw new NotFoundError("Passkey");
}

/** Removes one of the user's own passkeys, audited in the same transaction. */
export async function removePasskey(db: Db, userId: string, id: string, context: Context) {
  await db.$transaction(async (tx) => {
    const found = await tx.passkey.findFirst({ where: { id, userId }, select: { name: true } });
    if (!found) throw new NotFoundError("Passkey");
    await tx.passkey.delete({ where: { id } });
    await recordAudit(tx, {
      type: "passkey.removed",
      actor: context.actor,
      userId,
      before: { name: found.name },
      ip: context.ip,
    });
  });
}
