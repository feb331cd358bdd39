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

/** When a held try was last audited, per user, in this process (see below). */
const heldAudited = new Map<string, number>();
const HELD_AUDIT_MS = 60_000;

/** Whether a try the throttle held should be audited: the first of each user's minute, per process. */
function auditHeld(userId: string, now = Date.now()): boolean {
  if ((heldAudited.get(userId) ?? 0) > now - HELD_AUDIT_MS) return false;
  if (heldAudited.size > 10_000) heldAudited.clear();
  heldAudited.set(userId, now);
  return true;
}

/**
 * Checks the current password typed on /account (to change the password or the email, to add or
 * remove a passkey, to set up two-factor or make new recovery codes).
 *
 * Throttled by a counter of the user's own, which only these forms feed, so guesses at the public
 * sign-in form (anyone can make them) never hold the user's own changes, such as choosing a new
 * password while someone is guessing the old one. A wrong password here also counts against the
 * sign-in form's counter for the account (keyed by its email), so whoever holds a stolen session
 * spends the same budget there. A refusal is audited, never with the password: every wrong one,
 * and the first try the throttle holds in each minute (held tries check no password, so they
 * could otherwise fill the log at no cost). Undefined when the password is right; else the
 * field's error, and how long to wait once throttled.
 */
export async function checkCurrentPassword(
  { db, sql }: { db: Db; sql: DirectSql },
  { user, action, ip }: PasswordCheck,
  typed: string,
): Promise<{ errors: FieldErrors; retryAfterMs?: number } | undefined> {
  const row = await db.user.findUnique({ where: { id: user.id }, select: { email: true, passwordHash: true } });
  const throttle = new SignInThrottle(sql);
  const own = `account:${user.id}`;
  const outcome = await throttle.attempt(own, own, async () =>
    (await verifyPassword(row?.passwordHash, typed)) ? true : undefined,
  );
  const throttled = "retryAfterMs" in outcome;
  if (!throttled && outcome.result) return undefined;
  if (!throttled && row) await throttle.fail(own, row.email);
  if (!throttled || auditHeld(user.id))
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
