import { recoveryThrottlePolicy } from "../account-email/recovery";
import { recordAudit } from "../audit/record";
import { hashPassword, verifyPassword } from "../auth/password";
import { SignInThrottle } from "../auth/throttle";
import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import { isUniqueViolation } from "../errors";
import type { Locale } from "../i18n/locales";
import { randomId, randomSecret } from "../ids";
import type { Mailer } from "../mail/mailer";
import { composeMail } from "../mail/messages";
import { hashSecret } from "../oidc/client-store";
import type { Logger } from "../server/log";

/** How long a sign-up's link works. */
export const REGISTRATION_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type RegistrationDeps = { db: Db; sql: DirectSql; mail: Mailer; log: Logger; baseUrl: string };

export type SignUp = { email: string; name: string; password: string };

export function createRegistration({ db, sql, mail, log, baseUrl }: RegistrationDeps) {
  // Counted like "Forgot password?" (per address typed and per client address), under keys of its own.
  const throttle = new SignInThrottle(sql, recoveryThrottlePolicy);

  /**
   * Runs after the answer, so its timing tells nothing. A free address gets its link (a newer
   * sign-up replaces an older one); an address with an account is told someone tried to register
   * with it, and nothing else happens.
   */
  async function send(input: SignUp, locale: Locale, returnUid: string | undefined, ip: string) {
    const existing = await db.user.findUnique({ where: { email: input.email }, select: { locale: true } });
    if (existing) {
      const language = existing.locale || locale;
      await mail.send(composeMail({ kind: "registerExisting", to: input.email, locale: language, baseUrl }));
      return;
    }
    const token = randomSecret();
    const passwordHash = await hashPassword(input.password);
    await db.$transaction(async (tx) => {
      await tx.pendingRegistration.deleteMany({ where: { email: input.email } });
      await tx.pendingRegistration.create({
        data: {
          id: hashSecret(token),
          email: input.email,
          name: input.name,
          passwordHash,
          locale,
          returnUid: returnUid ?? null,
          expiresAt: new Date(Date.now() + REGISTRATION_LIFETIME_MS),
        },
      });
      await recordAudit(tx, {
        type: "user.registration_requested",
        actor: { label: input.email },
        after: { email: input.email },
        ip,
      });
    });
    const link = `${baseUrl}/register/verify?${new URLSearchParams({ token })}`;
    await mail.send(composeMail({ kind: "register", to: input.email, locale, baseUrl, link }));
  }

  return {
    /**
     * A sign-up: the same answer whether or not the address has an account. Refused (with the
     * wait) when the address typed or the client asked too often; otherwise the email goes out in
     * the background, its failures logged.
     */
    async request(input: SignUp & { locale: Locale; returnUid?: string; ip: string }) {
      const key = `register:${input.email}`;
      const source = `register:${input.ip}`;
      const wait = await throttle.retryAfter(source, key);
      if (wait > 0) return { retryAfterMs: wait };
      await throttle.fail(source, key);
      void send(input, input.locale, input.returnUid, input.ip).catch((error) =>
        log.error("registration email failed", { error }),
      );
      return { retryAfterMs: 0 };
    },

    /**
     * Follows a sign-up's link: the account is made (its address verified: the link proves it), and
     * the link is used up, in one transaction. Undefined for a dead link (unknown, expired, used,
     * replaced) or when the address got an account meanwhile.
     */
    /** The address a sign-up link would create an account for, while the link works. */
    async peek(token: string, now = new Date()): Promise<{ email: string } | undefined> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
      const row = await db.pendingRegistration.findUnique({ where: { id: hashSecret(token) } });
      return row && row.expiresAt > now ? { email: row.email } : undefined;
    },

    /**
     * Makes the account when `password` is the one chosen at sign-up ("wrong_password" when not,
     * and the link keeps working); undefined when the link is dead.
     */
    async confirm(token: string, password: string, ip: string, now = new Date()) {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
      const pending = await db.pendingRegistration.findUnique({ where: { id: hashSecret(token) } });
      if (!pending || pending.expiresAt <= now) return undefined;
      if (!(await verifyPassword(pending.passwordHash, password))) return "wrong_password" as const;
      try {
        return await db.$transaction(async (tx) => {
          const row = await tx.pendingRegistration.findUnique({ where: { id: hashSecret(token) } });
          if (!row || row.expiresAt <= now) return undefined;
          const { count } = await tx.pendingRegistration.deleteMany({ where: { id: row.id } });
          if (count !== 1) return undefined;
          if (await tx.user.findUnique({ where: { email: row.email }, select: { id: true } })) return undefined;
          const user = await tx.user.create({
            data: {
              id: randomId(),
              email: row.email,
              name: row.name,
              passwordHash: row.passwordHash,
              locale: row.locale,
              emailVerified: true,
            },
          });
          await recordAudit(tx, {
            type: "user.registered",
            actor: { id: user.id, label: user.email },
            userId: user.id,
            after: { email: user.email, name: user.name },
            ip,
          });
          return { email: user.email, returnUid: row.returnUid ?? undefined };
        });
      } catch (error) {
        // Another sign-up or an admin took the address between the check and the insert.
        if (isUniqueViolation(error)) return undefined;
        throw error;
      }
    },
  };
}

export type Registration = ReturnType<typeof createRegistration>;
