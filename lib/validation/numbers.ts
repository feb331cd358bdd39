import { z } from "zod";

/**
 * A whole number of at least 1 that JavaScript holds exactly. zod's `.int()` already stops at
 * Number.MAX_SAFE_INTEGER, so `1e300` and `2 ** 63` are refused here with a message naming the
 * field, rather than reaching the database as a value its integer column cannot hold (a 500).
 */
export const positiveSafeInteger = (message: string) => z.number(message).int(message).min(1, message);

/**
 * The `version` an update may carry: the save then happens only if nobody changed the row since
 * that version was read (409 otherwise). Anything but a positive whole number is refused by name,
 * never ignored, since ignoring it would make the save unconditional.
 */
export const expectedVersion = { version: positiveSafeInteger("versionInvalid").optional() };

/**
 * A positive whole number from a query string (`page`, `pageSize`). `page=1e300` or `page=abc`
 * is a 400 naming the parameter, not a huge database offset. Lists clamp what is merely too
 * large (a page past the end shows the last one), as they always did.
 */
export const queryWholeNumber = z
  .string()
  .regex(/^\d{1,15}$/, "pageInvalid")
  .transform(Number)
  .pipe(positiveSafeInteger("pageInvalid"));

/** The paging parameters of the list endpoints; absent means the list's default. */
export const pageQuerySchema = z.object({
  page: queryWholeNumber.optional(),
  pageSize: queryWholeNumber.optional(),
});
