import type { Actor } from "../audit/events";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../errors";
import { consumeEmailToken, findEmailToken } from "./tokens";

/**
 * Follows the link sent to a new address from /account: the account's address becomes the new
 * one, verified (the link proves it), once. Undefined for a dead link (expired, used, replaced
 * by a newer request, made under an older password) and when another account took the address
 * since; the link is then left as it is.
 */
export async function confirmEmailChange(db: Db, token: string, ip: string): Promise<{ email: string } | undefined> {
  return applyEmailChange(db, token, ip).catch((error) => {
    // Another account took the address between the check and the update.
    if (isUniqueViolation(error)) return undefined;
    throw error;
  });
}

/** What an email change's link would do (its new address and the account's address today), or undefined. */
export async function peekEmailChange(db: Db, token: string): Promise<{ email: string; from: string } | undefined> {
  const row = await findEmailToken(db, token, "email_change");
  return row && { email: row.email, from: row.user.email };
}

function applyEmailChange(db: Db, token: string, ip: string) {
  return db.$transaction(async (tx) => {
    const row = await findEmailToken(tx, token, "email_change");
    if (!row) return undefined;
    const taken = await tx.user.findUnique({ where: { email: row.email }, select: { id: true } });
    if (taken) return undefined;
    if (!(await consumeEmailToken(tx, row.id))) return undefined;
    await tx.user.update({
      where: { id: row.userId },
      data: { email: row.email, emailVerified: true, version: { increment: 1 } },
    });
    // A verification link for the old address means nothing now.
    await tx.emailToken.deleteMany({ where: { userId: row.userId, purpose: "verify" } });
    const actor: Actor = { id: row.userId, label: row.email };
    await recordAudit(tx, {
      type: "user.email_changed",
      actor,
      userId: row.userId,
      before: { email: row.user.email },
      after: { email: row.email, emailVerified: true },
      ip,
    });
    return { email: row.email };
  });
}
