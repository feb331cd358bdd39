import { randomBytes, randomInt } from "node:crypto";

const lowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random identifier of lowercase letters and digits (safe in URLs, case-insensitive systems, and logs). */
export function randomId(length = 21): string {
  let id = "";
  for (let i = 0; i < length; i++) id += lowerAlphanumeric[randomInt(lowerAlphanumeric.length)];
  return id;
}

/** A high-entropy secret: 32 random bytes, base64url-encoded (43 characters). */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}
