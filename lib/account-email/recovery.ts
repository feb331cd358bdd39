import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import { SignInThrottle } from "../auth/throttle";
import type { ThrottlePolicy } from "../auth/throttle-policy";
import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import type { Locale } from "../i18n/locales";
import type { Mailer } from "../mail/mailer";
import { composeMail, mailLanguage } from "../mail/messages";
import { listPasskeys } from "../passkeys/store";
import type { Logger } from "../server/log";
import { replacePassword } from "../users/admin";
import { notifyPasswordChanged } from "./notices";
import { consumeEmailToken, findEmailToken, issueEmailToken } from "./tokens";

const MINUTE = 60_000;

/**
 * Reset emails, counted with the sign-in throttle's machinery under keys of their own (so asking
 * for a reset never counts as a wrong password, nor the other way round): three emails per
 * account are free, then each waits a minute, doubling, at most 15 minutes, forgotten after an
 * hour; an address asking for more than five accounts within 15 minutes waits too. Unknown
 * addresses are counted exactly like known ones, so the answer reveals nothing.
 */
export const recoveryThrottlePolicy: ThrottlePolicy = {
  accountFreeFailures: 3,
  accountBaseDelayMs: MINUTE,
  accountMemoryMs: 60 * MINUTE,
  addressFreeAccounts: 5,
  addressBaseDelayMs: 30_000,
  addressWindowMs: 15 * MINUTE,
  maxDelayMs: 15 * MINUTE,
  knownGoodMs: 0,
};

/** `sql`: the throttle's statements (lib/db/direct-sql.ts). */
export type RecoveryDeps = { db: Db; sql: DirectSql; mail: Mailer; log: Logger; baseUrl: string };

export function createRecovery({ db, sql, mail, log, baseUrl }: RecoveryDeps) {
  const throttle = new SignInThrottle(sql, recoveryThrottlePolicy);

  /** Finds the account and sends its link; runs after the answer, so its timing tells nothing. */
  async function sendReset(email: string, requestLocale: Locale, returnUid: string | undefined, ip: string) {
    const user = await db.user.findUnique({ where: { email } });
    if (user?.status !== "active") return;
    const locale = mailLanguage(user.locale, requestLocale);
    const token = await db.$transaction(async (tx) => {
      // The language the user reads Latchkey in, remembered for their next email.
      if (!user.locale) await tx.user.update({ where: { id: user.id }, data: { locale } });
      await recordAudit(tx, {
        type: "user.password_reset_requested",
        actor: { id: user.id, label: user.email },
        userId: user.id,
        ip,
      });
      return issueEmailToken(tx, {
        userId: user.id,
        purpose: "reset",
        email: user.email,
        passwordHash: user.passwordHash,
        returnUid,
      });
    });
    const link = `${baseUrl}/password/reset?${new URLSearchParams({ token })}`;
    await mail.send(composeMail({ kind: "reset", to: user.email, locale, baseUrl, link }));
  }

  return {
    /** The account a reset or invitation link is for, while the link works. */
    find: (token: string, purpose: "reset" | "invite") => findEmailToken(db, token, purpose),

    /**
     * "Forgot password?": answers the same whether or not the address has an account. Refused
     * (with the wait) when the address or the account asked too often; otherwise the email goes
     * out in the background, bounded by SMTP_TIMEOUT_SECONDS, its failures logged.
     */
    async request(input: { email: string; locale: Locale; returnUid?: string; ip: string }) {
      const key = `recovery:${input.email}`;
      const source = `recovery:${input.ip}`;
      const wait = await throttle.retryAfter(source, key);
      if (wait > 0) return { retryAfterMs: wait };
      await throttle.fail(source, key);
      void sendReset(input.email, input.locale, input.returnUid, input.ip).catch((error) =>
        log.error("password reset email failed", { error }),
      );
      return { retryAfterMs: 0 };
    },

    /**
     * Sets the password a reset or invitation link was sent for, once: the link is used up in
     * the same transaction, the address is verified (the link proved it), and the user is signed
     * out everywhere else; then the address is told its password changed. Returns undefined when
     * the link is unknown, expired, used or stale.
     */
    async complete(token: string, purpose: "reset" | "invite", password: string, ip: string) {
      const passwordHash = await hashPassword(password);
      const done = await db.$transaction(async (tx) => {
        const row = await findEmailToken(tx, token, purpose);
        if (!row || !(await consumeEmailToken(tx, row.id))) return undefined;
        await replacePassword(tx, row.userId, passwordHash, { emailVerified: true });
        await recordAudit(tx, {
          type: "user.password_reset",
          actor: { id: row.userId, label: row.email },
          userId: row.userId,
          after: { by: purpose === "invite" ? "invitation" : "email" },
          ip,
        });
        return {
          userId: row.userId,
          email: row.email,
          locale: row.user.locale,
          returnUid: row.returnUid ?? undefined,
          passkeys: await listPasskeys(tx, row.userId),
        };
      });
      if (!done) return undefined;
      const { passkeys, ...result } = done;
      notifyPasswordChanged({ mail, baseUrl }, done.email, done.locale, passkeys);
      return result;
    },
  };
}

export type Recovery = ReturnType<typeof createRecovery>;
