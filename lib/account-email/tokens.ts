import type { Db } from "../db/client";
import { randomSecret } from "../ids";
import { hashSecret } from "../oidc/client-store";

/** `email_change`: the link sent to the address a user wants instead (its `email` is the new one). */
export type EmailTokenPurpose = "reset" | "invite" | "verify" | "email_change";

/** How long each kind of link works. */
export const tokenLifetimeMs: Record<EmailTokenPurpose, number> = {
  reset: 30 * 60 * 1000,
  invite: 7 * 24 * 60 * 60 * 1000,
  verify: 7 * 24 * 60 * 60 * 1000,
  email_change: 24 * 60 * 60 * 1000,
};

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * What a link is bound to besides its account: the password hash as it was when the link was
 * made. Any change of password (a reset, an admin, the user) makes every older link useless,
 * whichever code path changed it.
 */
export function passwordStamp(passwordHash: string): string {
  return hashSecret(`email-token:${passwordHash}`);
}

/**
 * Makes a link's token for `userId` and stores only its SHA-256. A new link of the same purpose
 * replaces the older ones: only the latest email works.
 */
export async function issueEmailToken(
  tx: Tx | Db,
  input: { userId: string; purpose: EmailTokenPurpose; email: string; passwordHash: string; returnUid?: string },
  now = Date.now(),
): Promise<string> {
  const token = randomSecret();
  await tx.emailToken.deleteMany({ where: { userId: input.userId, purpose: input.purpose } });
  await tx.emailToken.create({
    data: {
      id: hashSecret(token),
      userId: input.userId,
      purpose: input.purpose,
      email: input.email,
      passwordStamp: passwordStamp(input.passwordHash),
      returnUid: input.returnUid ?? null,
      expiresAt: new Date(now + tokenLifetimeMs[input.purpose]),
    },
  });
  return token;
}

/** A token worth showing a form for: not expired, and its account, address and password unchanged. */
export async function findEmailToken(db: Db | Tx, token: string, purpose: EmailTokenPurpose, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await db.emailToken.findUnique({ where: { id: hashSecret(token) }, include: { user: true } });
  if (!row || row.purpose !== purpose || row.expiresAt <= now) return undefined;
  if (row.user.status !== "active") return undefined;
  // Every other link proves the account's current address; a change's link names the new one.
  if (purpose !== "email_change" && row.user.email !== row.email) return undefined;
  if (row.passwordStamp !== passwordStamp(row.user.passwordHash)) return undefined;
  return row;
}

/** Uses a token up, inside the transaction that acts on it; false if another request used it first. */
export async function consumeEmailToken(tx: Tx, id: string): Promise<boolean> {
  const { count } = await tx.emailToken.deleteMany({ where: { id } });
  return count === 1;
}

/** Expired links are deleted by the background purge. */
export async function purgeEmailTokens(db: Db, now = new Date()) {
  await db.emailToken.deleteMany({ where: { expiresAt: { lt: now } } });
}
