import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * An anti-forgery token for a plain HTML form on Latchkey's own pages: an HMAC of what the form
 * does and for whom, under a key only the server holds. Another site can make a browser post a
 * form, but cannot read the page that holds this value. (The route checks Origin as well.)
 */
export function formToken(key: string, purpose: string, subject: string): string {
  return createHmac("sha256", key).update(`${purpose}\n${subject}`).digest("base64url");
}

export function isFormToken(key: string, purpose: string, subject: string, presented: unknown): boolean {
  if (typeof presented !== "string") return false;
  const expected = Buffer.from(formToken(key, purpose, subject));
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
