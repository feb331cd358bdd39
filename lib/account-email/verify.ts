import type { Actor } from "../audit/events";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import type { Locale } from "../i18n/locales";
import type { Mailer, SendResult } from "../mail/mailer";
import { composeMail, mailLanguage } from "../mail/messages";
import { getUser } from "../users/admin";
import { consumeEmailToken, findEmailToken, issueEmailToken } from "./tokens";

/**
 * Sends a user a link that proves their current address (7 days, once, in their language or
 * else the admin's). A link stops working when the address or the password changes.
 */
export async function sendVerification(
  deps: { db: Db; mail: Mailer; baseUrl: string },
  userId: string,
  fallbackLocale: Locale,
): Promise<SendResult> {
  const user = await getUser(deps.db, userId);
  const row = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, locale: true },
  });
  const token = await issueEmailToken(deps.db, {
    userId,
    purpose: "verify",
    email: user.email,
    passwordHash: row.passwordHash,
  });
  const locale = mailLanguage(row.locale, fallbackLocale);
  const link = `${deps.baseUrl}/email/verify?${new URLSearchParams({ token })}`;
  return deps.mail.send(composeMail({ kind: "verify", to: user.email, locale, baseUrl: deps.baseUrl, link }));
}

/** Follows a verification link: the address is verified, once. Undefined for a dead link. */
export async function verifyAddress(db: Db, token: string, ip: string): Promise<{ email: string } | undefined> {
  return db.$transaction(async (tx) => {
    const row = await findEmailToken(tx, token, "verify");
    if (!row || !(await consumeEmailToken(tx, row.id))) return undefined;
    await tx.user.update({ where: { id: row.userId }, data: { emailVerified: true, version: { increment: 1 } } });
    const actor: Actor = { id: row.userId, label: row.email };
    await recordAudit(tx, { type: "user.email_verified", actor, userId: row.userId, after: { email: row.email }, ip });
    return { email: row.email };
  });
}
