import { recordAudit } from "../audit/record";
import { verifyPassword } from "../auth/password";
import { SignInThrottle } from "../auth/throttle";
import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import type { FieldErrors } from "./forms";

/** The /account changes that ask for the current password, as the audit log names them. */
export type PasswordGuardedAction =
  | "password_change"
  | "email_change"
  | "passkey_add"
  | "passkey_remove"
  | "two_factor_setup"
  | "recovery_codes";

/** Who asks, for what, and from where (the client address, for the audit log). */
export type PasswordCheck = { user: { id: string }; action: PasswordGuardedAction; ip?: string };

/**
 * The address the route's request came from: lib/server/app.ts has already rewritten the
 * forwarded header to the one value TRUST_PROXY allows (and Next fills it from the socket).
 */
export function requestAddress(req: Request): string | undefined {
  return req.headers.get("x-forwarded-for") ?? undefined;
}

/**
 * Checks the current password typed on /account (to change the password or the email, to add or
 * remove a passkey, to set up two-factor or make new recovery codes), counted by the sign-in
 * throttle under the account's own key, the one the sign-in form counts the email under: someone
 * holding the session gets one budget of guesses, shared by the sign-in form and every one of
 * these forms. A refusal (wrong, or held by the throttle) is audited, never with the password.
 * Undefined when it is right; else the field's error, and how long to wait once throttled.
 */
export async function checkCurrentPassword(
  { db, sql }: { db: Db; sql: DirectSql },
  { user, action, ip }: PasswordCheck,
  typed: string,
): Promise<{ errors: FieldErrors; retryAfterMs?: number } | undefined> {
  const row = await db.user.findUnique({ where: { id: user.id }, select: { email: true, passwordHash: true } });
  // The address part of the throttle stays per user: a signed-in user is not spraying accounts.
  const outcome = await new SignInThrottle(sql).attempt(`account:${user.id}`, row?.email ?? user.id, async () =>
    (await verifyPassword(row?.passwordHash, typed)) ? true : undefined,
  );
  const throttled = "retryAfterMs" in outcome;
  if (!throttled && outcome.result) return undefined;
  await recordAudit(db, {
    type: "account.password_refused",
    actor: { id: user.id, label: row?.email ?? user.id },
    userId: user.id,
    after: { action, reason: throttled ? "throttled" : "wrong" },
    ip,
  });
  if (throttled) return { errors: { currentPassword: "tooManyTries" }, retryAfterMs: outcome.retryAfterMs };
  return { errors: { currentPassword: "currentPasswordWrong" } };
}
