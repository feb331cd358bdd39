import { createHmac } from "node:crypto";

/**
 * What an authenticator app computes (RFC 6238: HMAC-SHA1, 30 s, 6 digits), written again here
 * from the RFC rather than imported, so the tests check Latchkey against an independent copy.
 */
export function authenticatorCode(base32Secret: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of base32Secret.replace(/=+$/, "").toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[19] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The secret the enrolment page shows as text. */
export function secretOnPage(html: string): string {
  const match = /data-testid="totp-secret"[^>]*>([A-Z2-7]+)</.exec(html);
  if (!match) throw new Error("no authenticator secret on the page");
  return match[1];
}

/** The recovery codes a page shows. */
export function recoveryCodesOnPage(html: string): string[] {
  return [...html.matchAll(/>([A-Z2-9]{5}-[A-Z2-9]{5})</g)].map((m) => m[1]);
}
