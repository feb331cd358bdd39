import { verifyPassword } from "../auth/password";
import { SignInThrottle } from "../auth/throttle";
import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import type { FieldErrors } from "./forms";

/**
 * Checks the current password typed on /account (to change the password or the email, to add or
 * remove a passkey), counted by the sign-in throttle under one key per user for all of them: a
 * session left open on a shared computer cannot be used to guess it, at any of these forms.
 * Undefined when it is right; else the field's error, and how long to wait once throttled.
 */
export async function checkCurrentPassword(
  { db, sql }: { db: Db; sql: DirectSql },
  userId: string,
  typed: string,
): Promise<{ errors: FieldErrors; retryAfterMs?: number } | undefined> {
  const throttle = new SignInThrottle(sql);
  const outcome = await throttle.attempt(`account:${userId}`, `current-password:${userId}`, async () => {
    const row = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
    return (await verifyPassword(row?.passwordHash, typed)) ? true : undefined;
  });
  if ("retryAfterMs" in outcome)
    return { errors: { currentPassword: "tooManyTries" }, retryAfterMs: outcome.retryAfterMs };
  return outcome.result ? undefined : { errors: { currentPassword: "currentPasswordWrong" } };
}
