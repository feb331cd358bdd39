import { randomBytes, randomInt } from "node:crypto";

const lowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random identifier of lowercase letters and digits (safe in URLs, case-insensitive systems, and logs). */
export function randomId(length = 21): string {
  let id = "";
  for (let i = 0; i < length; i++) id += lowerAlphanumeric[randomInt(lowerAlphanumeric.length)];
  return id;
}

/**
 * `length` (at least 8) lowercase letters and digits that sort in the order they were made: the
 * time in milliseconds in base 36 (8 digits until 2059), then random ones. An index key made
 * this way lands at the end of its index, on a page just written, instead of on a random one:
 * the token writer's insert takes half the CPU (23 µs instead of 55 per group on SQLite with
 * 200,000 rows stored; README, Performance).
 */
export function timeOrderedId(length = 21): string {
  return Date.now().toString(36).padStart(8, "0") + randomId(length - 8);
}

/** A high-entropy secret: 32 random bytes, base64url-encoded (43 characters). */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}
