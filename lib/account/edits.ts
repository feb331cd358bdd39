import { notifyPasswordChanged } from "../account-email/notices";
import { recoveryThrottlePolicy } from "../account-email/recovery";
import { issueEmailToken } from "../account-email/tokens";
import type { Actor } from "../audit/events";
import { changedFields, recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import { SignInThrottle } from "../auth/throttle";
import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import type { Locale } from "../i18n/locales";
import type { Mailer } from "../mail/mailer";
import { composeMail, mailLanguage } from "../mail/messages";
import { listPasskeys } from "../passkeys/store";
import { replacePassword } from "../users/admin";
import { accountEmailSchema, accountPasswordSchema, accountProfileSchema } from "../validation/account";
import { checkCurrentPassword } from "./current-password";
import { type FieldErrors, issuesByField } from "./forms";

/**
 * `locale`: the language of the request, for emails to a user who has none stored; `ip`: the
 * client's address, for the audit of a refused current password.
 */
export type AccountDeps = { db: Db; sql: DirectSql; mail: Mailer; baseUrl: string; locale: Locale; ip?: string };
type Me = { id: string; email: string };

/** An edit refused with each field's error key, or done. */
export type EditOutcome = { errors: FieldErrors } | { ok: true };

const actorOf = (me: Me): Actor => ({ id: me.id, label: me.email });

/** The user's own name (display, given, family): saved and audited as an update by the user. */
export async function changeProfile(db: Db, me: Me, input: unknown): Promise<EditOutcome> {
  const parsed = accountProfileSchema.safeParse(input);
  if (!parsed.success) return { errors: issuesByField(parsed.error.issues) };
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: me.id },
      select: { name: true, givenName: true, familyName: true },
    });
    const diff = changedFields(before, parsed.data);
    if (!Object.keys(diff.after).length) return;
    await tx.user.update({ where: { id: me.id }, data: { ...parsed.data, version: { increment: 1 } } });
    await recordAudit(tx, { type: "user.updated", actor: actorOf(me), userId: me.id, ...diff });
  });
  return { ok: true };
}

/**
 * A new password from the user, who typed the current one. In one transaction: the password is
 * replaced, every other session of the user ends (the provider's sessions, so apps ask again;
 * every access and refresh token, so a thief's refresh token dies; the user's other Latchkey
 * pages) while `keepSession` (this page's session row) stays, and it is audited. Then the address
 * is told.
 */
export async function changePassword(
  deps: AccountDeps,
  me: Me,
  input: unknown,
  keepSession: string | undefined,
): Promise<EditOutcome> {
  const parsed = accountPasswordSchema.safeParse(input);
  if (!parsed.success) return { errors: issuesByField(parsed.error.issues) };
  const check = { user: me, action: "password_change", ip: deps.ip } as const;
  const wrong = await checkCurrentPassword(deps, check, parsed.data.currentPassword);
  if (wrong) return { errors: wrong.errors };
  const passwordHash = await hashPassword(parsed.data.password);
  const { locale, passkeys } = await deps.db.$transaction(async (tx) => {
    await replacePassword(tx, me.id, passwordHash, keepSession ? { keepConsoleSession: keepSession } : {});
    await recordAudit(tx, { type: "user.password_changed", actor: actorOf(me), userId: me.id });
    const user = await tx.user.findUniqueOrThrow({ where: { id: me.id }, select: { locale: true } });
    return { locale: user.locale, passkeys: await listPasskeys(tx, me.id) };
  });
  notifyPasswordChanged(deps, me.email, mailLanguage(locale, deps.locale), passkeys);
  return { ok: true };
}

/**
 * A new address, asked for with the current password. Nothing changes yet: a link goes to the
 * new address (following it makes the change, see email-change.ts), and the current address is
 * told, with what to do if it was not its owner. A newer request replaces an older link.
 */
export async function requestEmailChange(deps: AccountDeps, me: Me, input: unknown): Promise<EditOutcome> {
  const parsed = accountEmailSchema.safeParse(input);
  if (!parsed.success) return { errors: issuesByField(parsed.error.issues) };
  // Without email the link could never arrive (the card says so and shows no form).
  if (deps.mail.config.mode === "off") return { errors: { email: "emailChangeUnavailable" } };
  const newEmail = parsed.data.email;
  if (newEmail === me.email) return { errors: { email: "emailSame" } };
  const check = { user: me, action: "email_change", ip: deps.ip } as const;
  const wrong = await checkCurrentPassword(deps, check, parsed.data.currentPassword);
  if (wrong) return { errors: wrong.errors };
  // Each request emails an address the user typed: counted like "Forgot password?" per account.
  const emailThrottle = new SignInThrottle(deps.sql, recoveryThrottlePolicy);
  const source = `account:${me.id}`;
  const key = `email-change:${me.id}`;
  if ((await emailThrottle.retryAfter(source, key)) > 0) return { errors: { email: "tooManyRequests" } };
  await emailThrottle.fail(source, key);
  // An address another account uses gets its link all the same (the change is refused when it is
  // followed): the answer here must not tell a signed-in user which addresses have accounts.
  const { token, locale } = await deps.db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: me.id } });
    const issued = await issueEmailToken(tx, {
      userId: me.id,
      purpose: "email_change",
      email: newEmail,
      passwordHash: user.passwordHash,
    });
    await recordAudit(tx, {
      type: "user.email_change_requested",
      actor: actorOf(me),
      userId: me.id,
      before: { email: user.email },
      after: { email: newEmail },
    });
    return { token: issued, locale: mailLanguage(user.locale, deps.locale) };
  });
  const link = `${deps.baseUrl}/email/change?${new URLSearchParams({ token })}`;
  const base = { locale, baseUrl: deps.baseUrl };
  await Promise.all([
    deps.mail.send(composeMail({ ...base, kind: "emailChange", to: newEmail, link })),
    deps.mail.send(composeMail({ ...base, kind: "emailChanging", to: me.email, newEmail })),
  ]);
  return { ok: true };
}

/** The address a change is waiting on (its link not yet followed nor expired), if any. */
export async function pendingEmailChange(db: Db, userId: string, now = new Date()): Promise<string | undefined> {
  const row = await db.emailToken.findFirst({
    where: { userId, purpose: "email_change", expiresAt: { gt: now } },
    select: { email: true },
  });
  return row?.email;
}
