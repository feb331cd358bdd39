import { problemResponse } from "../api/route";
import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import type { Locale } from "../i18n/locales";
import { validationText } from "../i18n/validation";
import { passkeyProofSchema } from "../validation/passkey";
import { checkCurrentPassword, type PasswordCheck } from "./current-password";

/**
 * The current password sent (as JSON) with a change an open session alone must not make (adding
 * or removing a passkey, setting up two-factor, new recovery codes), checked by
 * checkCurrentPassword under /account's own counter (a wrong one also counts at the sign-in form).
 * Undefined when it is right; else the answer to send: 400 naming `currentPassword` for a wrong or
 * missing one, 429 with Retry-After once the throttle holds. A missing or malformed body is a
 * ZodError (400 naming the field, via the route wrapper).
 */
export async function refusedPasswordProof(
  deps: { db: Db; sql: DirectSql },
  check: PasswordCheck,
  body: unknown,
  locale: Locale,
): Promise<Response | undefined> {
  const { currentPassword } = passkeyProofSchema.parse(body);
  const wrong = await checkCurrentPassword(deps, check, currentPassword);
  const key = wrong?.errors.currentPassword;
  if (!key) return undefined;
  const throttled = key === "tooManyTries";
  const response = problemResponse({
    type: "about:blank",
    title: throttled ? "Too many requests" : "Invalid input",
    status: throttled ? 429 : 400,
    detail: validationText(key, locale),
    errors: { currentPassword: [validationText(key, locale)] },
  });
  if (wrong.retryAfterMs) response.headers.set("retry-after", String(Math.ceil(wrong.retryAfterMs / 1000)));
  return response;
}
