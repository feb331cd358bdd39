import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * TOTP (RFC 6238) as every authenticator app computes it: HMAC-SHA1, 30-second steps, 6 digits.
 * Written here on node:crypto rather than taken from a library: the algorithm is a dozen lines
 * (RFC 4226 §5.3), and owning it keeps the two rules that matter in view: a code is accepted one
 * step either side of now (clocks drift), and never for a step already used (see store.ts).
 */
export const STEP_SECONDS = 30;
export const DIGITS = 6;
/** Steps accepted either side of the current one. */
export const WINDOW = 1;
/** 20 bytes (160 bits): the HMAC-SHA1 key length RFC 4226 recommends. */
const SECRET_BYTES = 20;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Base32 (RFC 4648, no padding): how authenticator apps take a secret typed by hand or from a QR code. */
export function base32Encode(bytes: Buffer): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, "").toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index === -1) throw new Error("not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new secret, base32 as the apps show it. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** HOTP (RFC 4226): the code for one counter value. */
export function hotp(secret: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** DIGITS;
  return String(number).padStart(DIGITS, "0");
}

export function stepAt(ms: number): number {
  return Math.floor(ms / 1000 / STEP_SECONDS);
}

/** The code an app shows at `ms` for a base32 secret. */
export function totpAt(secret: string, ms: number): string {
  return hotp(base32Decode(secret), stepAt(ms));
}

/** A code as people type it: spaces and dashes dropped. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, "");
}

/**
 * The time step a code matches, within WINDOW steps of `ms`, and after `lastStep` (a step is
 * good once); undefined when it matches none. Compared in constant time.
 */
export function matchingStep(secret: string, code: string, ms: number, lastStep = -1): number | undefined {
  const typed = normalizeCode(code);
  if (!/^\d{6}$/.test(typed)) return undefined;
  const key = base32Decode(secret);
  const now = stepAt(ms);
  for (let step = now - WINDOW; step <= now + WINDOW; step++) {
    if (step <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(typed))) return step;
  }
  return undefined;
}

/** The otpauth:// URI the QR code carries (Google Authenticator's key URI format, understood by all apps). */
export function otpauthUri(secret: string, issuer: string, account: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: "SHA1",
    digits: String(DIGITS),
    period: String(STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${query}`;
}
