import type { Actor } from "../audit/events";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { Db } from "../db/client";
import type { Locale } from "../i18n/locales";
import { randomId, randomSecret } from "../ids";
import type { Mailer, SendResult } from "../mail/mailer";
import { composeMail } from "../mail/messages";
import { getUser, type UserDetail } from "../users/admin";
import { emailTaken } from "../users/service";
import { inviteUserSchema } from "../validation/user";
import { issueEmailToken } from "./tokens";

export type Invitation = { user: UserDetail; email: SendResult };

/**
 * An admin invites someone by email: the account is created with a password nobody knows (a
 * random one, hashed and forgotten) and an unverified address, and the invitation's link lets the
 * invitee choose their password, which also verifies the address. The user and the link are
 * written together; the email goes after, and its failure is handed back for the admin to see
 * (the account stays, and inviting again is refused as a duplicate: set a password instead).
 */
export async function inviteUser(
  deps: { db: Db; mail: Mailer; baseUrl: string },
  input: unknown,
  actor: Actor,
  locale: Locale,
): Promise<Invitation> {
  const data = inviteUserSchema.parse(input);
  if (deps.mail.config.mode === "off") throw new MailOffError();
  const passwordHash = await hashPassword(randomSecret());
  const { id, token } = await deps.db
    .$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { id: randomId(), email: data.email, name: data.name, role: data.role, passwordHash, locale },
      });
      await recordAudit(tx, {
        type: "user.invited",
        actor,
        userId: user.id,
        after: { email: user.email, name: user.name, role: user.role },
      });
      const token = await issueEmailToken(tx, { userId: user.id, purpose: "invite", email: user.email, passwordHash });
      return { id: user.id, token };
    })
    .catch(emailTaken);
  const link = `${deps.baseUrl}/password/invite?${new URLSearchParams({ token })}`;
  const email = await deps.mail.send(
    composeMail({ kind: "invite", to: data.email, locale, baseUrl: deps.baseUrl, link }),
  );
  return { user: await getUser(deps.db, id), email };
}

/** Inviting needs email: without SMTP_URL there is no way to reach the invitee. */
export class MailOffError extends Error {
  constructor() {
    super("Email is not configured (set SMTP_URL), so nobody can be invited by email.");
  }
}
