import { createHash, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits without look-alikes (0/O, 1/I/L), as people copy them from paper. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const LENGTH = 10;

/** A recovery code: 10 characters (about 49 bits), shown as XXXXX-XXXXX. */
export function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A code as stored: SHA-256 of its canonical form (uppercase, no dash or spaces). Codes are random, so no salt is needed. */
export function hashRecoveryCode(code: string): string {
  const canonical = code.replace(/[\s-]/g, "").toUpperCase();
  return createHash("sha256").update(`recovery:${canonical}`).digest("base64url");
}

/** Whether typed text has a recovery code's shape (so it is not mistaken for an app's code). */
export function looksLikeRecoveryCode(text: string): boolean {
  return /^[A-Za-z0-9]{10}$/.test(text.replace(/[\s-]/g, ""));
}
