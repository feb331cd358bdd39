import { formToken } from "../auth/form-token";
import { runtime } from "../runtime";

/** What the revoke form's anti-forgery token is bound to (with the user's id). */
export const REVOKE_FORM = "account: revoke an app";

/** The token the revoke form carries for this user. */
export function revokeFormToken(userId: string): string {
  return formToken(runtime().console.sessionSecret, REVOKE_FORM, userId);
}
