import type { Mailer } from "../mail/mailer";
import { composeMail } from "../mail/messages";

type NoticeDeps = { mail: Mailer; baseUrl: string };

/**
 * Tells an address its account's password was just changed (at /account or by a reset link), so
 * an owner who did not do it learns at once, with the account's passkeys (each signs in without
 * the password, so one added by someone else outlives the new password). Sent in the background:
 * the change is already saved and the request does not wait on SMTP (the mailer logs a failure
 * and never throws).
 */
export function notifyPasswordChanged(
  deps: NoticeDeps,
  to: string,
  locale: string | null | undefined,
  passkeys: { name: string; createdAt: Date }[],
) {
  void deps.mail.send(composeMail({ kind: "passwordChanged", to, locale, baseUrl: deps.baseUrl, passkeys }));
}
