/**
 * The profile flags of `users create`, `admins create` and `users update`: one row per field of
 * the user, so a validation error on a field can name the flag that set it.
 */
const flags = [
  { flag: "name", field: "name" },
  { flag: "username", field: "username" },
  { flag: "given-name", field: "givenName" },
  { flag: "family-name", field: "familyName" },
  { flag: "locale", field: "locale" },
  { flag: "zoneinfo", field: "zoneinfo" },
] as const;

export type ProfileField = (typeof flags)[number]["field"];

/** parseArgs options for the profile flags. */
export const profileOptions = Object.fromEntries(flags.map(({ flag }) => [flag, { type: "string" as const }]));

/** The profile fields the flags given set (an empty value clears a field on update). */
export function profileFromFlags(values: Record<string, unknown>): Partial<Record<ProfileField, string>> {
  return Object.fromEntries(
    flags.filter(({ flag }) => typeof values[flag] === "string").map(({ flag, field }) => [field, values[flag]]),
  );
}

/** The flag that sets a user field (`givenName` → `--given-name`), for error messages. */
export function userFlagFor(path: string): string | undefined {
  if (path === "email" || path === "password") return `--${path}`;
  const found = flags.find(({ field }) => field === path);
  return found && `--${found.flag}`;
}

/** The usage text for the profile flags. */
export const profileUsage =
  "[--name N] [--username U] [--given-name G] [--family-name F] [--locale en-US] [--zoneinfo Europe/Paris]";
