import { z } from "zod";
import { humanText } from "./text";

/**
 * The profile claims OpenID Connect Core §5.1 names beside `name` and `picture`: a username
 * (preferred_username), given and family names, a locale and a time zone. Each may be empty,
 * which means "not set": the claim is then left out of ID tokens and userinfo.
 */

/**
 * 1 to 64 letters, digits, dots, dashes and underscores, starting with a letter or a digit:
 * what services that take preferred_username as a login (Nextcloud, GitLab, Python social-auth)
 * accept, and ASCII so that "unique whatever the letter case" means the same on SQLite and
 * PostgreSQL. The spelling is kept as typed.
 */
export const username = z
  .string()
  .trim()
  .max(64, "tooLong64")
  .regex(/^$|^[A-Za-z0-9][A-Za-z0-9._-]*$/, "usernameInvalid")
  .describe("preferred_username: 1-64 letters, digits, . _ -; unique whatever its letter case; empty to clear");

/**
 * A BCP 47 language tag (en, en-US, ko-KR, zh-Hant-TW), stored in its canonical spelling
 * (en-us → en-US). Intl refuses what is not BCP 47 (en_US, i-klingon); the language itself must
 * be an ISO 639 code of 2 or 3 letters, as OpenID Connect's examples are, so "english" is refused too.
 */
export const locale = normalized(35, "localeInvalid", (value) => {
  const tag = canonicalTag(value);
  return tag && /^[a-z]{2,3}(-|$)/.test(tag) ? tag : undefined;
}).describe("locale: a BCP 47 language tag such as en-US or ko-KR; empty to clear");

function canonicalTag(value: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/**
 * An IANA time zone (Europe/Paris, Asia/Seoul, UTC), as the runtime's time zone database knows
 * it. Offsets such as +09:00 are not zone names, and newer runtimes accept them, so the shape is
 * checked first. The letter case is corrected to the database's (europe/paris → Europe/Paris).
 */
export const zoneinfo = normalized(64, "zoneinfoInvalid", (value) =>
  /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value) ? resolvedZone(value) : undefined,
).describe("zoneinfo: an IANA time zone such as Europe/Paris; empty to clear");

function resolvedZone(value: string): string | undefined {
  try {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
    // Keep the name given (an alias such as Asia/Calcutta stays as typed) unless only its case differs.
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    return undefined;
  }
}

/**
 * A trimmed text of at most `max` characters that is either empty (not set) or stored as
 * `normalize` returns it; `normalize` returning undefined refuses it with `message`.
 */
function normalized(max: number, message: string, normalize: (value: string) => string | undefined) {
  return z
    .string()
    .trim()
    .max(max, message)
    .transform((value, ctx) => {
      if (value === "") return value;
      const stored = normalize(value);
      if (stored !== undefined) return stored;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    });
}

/** The profile fields an admin sets, each optional (a PATCH changes only those given). */
export const profileFields = {
  username,
  givenName: humanText(128).describe("given_name; empty to clear"),
  familyName: humanText(128).describe("family_name; empty to clear"),
  locale,
  zoneinfo,
};
