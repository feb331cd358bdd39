import { checkCurrentPassword, type PasswordCheck } from "../account/current-password";
import { refusedPasswordProof } from "../account/password-proof";
import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import type { Locale } from "../i18n/locales";
import { currentPassword } from "../validation/account";
import { seeOther } from "./account-requests";

/** Why a two-factor form on /account was refused for its password (the `two_factor` query value). */
export const passwordNotices = {
  passwordRequired: "password_required",
  currentPasswordWrong: "password_wrong",
  tooManyTries: "password_throttled",
} as const;
export type PasswordNotice = (typeof passwordNotices)[keyof typeof passwordNotices];

/**
 * The current password sent to start adding an authenticator app or to make new recovery codes:
 * a session left open must not be enough to lock the owner out or to mint codes that turn
 * two-factor off. Checked like the other /account changes (checkCurrentPassword: /account's own
 * counter; a wrong one also counts at the sign-in form). Undefined when it is right; else the answer: JSON as for passkeys (400 naming
 * `currentPassword`, 429 with Retry-After), a form post back to /account with the reason in the query.
 */
export async function refusedTwoFactorPassword(
  deps: { db: Db; sql: DirectSql },
  check: PasswordCheck,
  request: { form: boolean; fields: Record<string, unknown> },
  locale: Locale,
): Promise<Response | undefined> {
  if (!request.form) return refusedPasswordProof(deps, check, request.fields, locale);
  const typed = currentPassword.safeParse(request.fields.currentPassword);
  // Too long to be anyone's password (the schema's other refusal) reads as a wrong one.
  const missing = !typed.success && typed.error.issues[0]?.message === "passwordRequired";
  const wrong = typed.success
    ? (await checkCurrentPassword(deps, check, typed.data))?.errors.currentPassword
    : missing
      ? "passwordRequired"
      : "currentPasswordWrong";
  if (!wrong) return undefined;
  const notice = passwordNotices[wrong as keyof typeof passwordNotices] ?? passwordNotices.currentPasswordWrong;
  // No #two-factor fragment: a page opened at a fragment ignores autofocus, and the field's
  // autofocus both scrolls to it and puts the keyboard and screen reader on its error.
  return seeOther(`/account?two_factor=${notice}`);
}
