import { formToken, isFormToken } from "../auth/form-token";
import { runtime } from "../runtime";

/** What the account page's two-factor forms' anti-forgery tokens are bound to (with the user's id). */
export const TWO_FACTOR_FORM = "account: two-factor";

export function twoFactorFormToken(userId: string): string {
  return formToken(runtime().console.sessionSecret, TWO_FACTOR_FORM, userId);
}

export function isTwoFactorFormToken(userId: string, presented: unknown): boolean {
  return isFormToken(runtime().console.sessionSecret, TWO_FACTOR_FORM, userId, presented);
}
