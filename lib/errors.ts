import { ZodError } from "zod";
import { isDatabaseUnavailable } from "./db/availability";
import type { Locale } from "./i18n/locales";
import { validationText } from "./i18n/validation";

export type FieldErrors = Record<string, string[]>;

/** An RFC 9457 problem document, the one error shape of every Latchkey endpoint. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldErrors;
  /** A machine-readable reason, for 409s. */
  code?: string;
};

/** An error an API route raises on purpose, with the status the client should see. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    /** A WWW-Authenticate challenge (RFC 6750) for 401 and 403 on bearer tokens. */
    readonly challenge?: string,
  ) {
    super(detail);
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

/** Why a change conflicts, for clients to tell apart (and to translate). */
export type ConflictCode = "stale_version" | "last_admin" | "duplicate" | "pending_rotation";

export class ConflictError extends Error {
  constructor(
    message: string,
    readonly code: ConflictCode = "duplicate",
    /** The fields whose value is taken, each with a `validation` message key, shown beside the field. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Field paths (`redirectUris.1`) mapped to their messages, in `locale` (English by default). */
export function fieldErrors(error: ZodError, locale?: Locale): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] = [...(out[key] ?? []), validationText(issue.message, locale)];
  }
  return out;
}

/** A unique constraint refused the write (Prisma's P2002, on either database). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/** What a unique violation says of where it happened, as Prisma and its driver adapters report it. */
type UniqueViolationMeta = {
  target?: string | string[];
  driverAdapterError?: { cause?: { originalMessage?: string; constraint?: { fields?: string[]; index?: string } } };
};

/**
 * Whether a unique violation was on `column`. Only the error's details are read, never its
 * message (which quotes the calling code) nor the values written. The drivers word it
 * differently: SQLite names the column, or the index (`User_username_key`) of an expression
 * index; PostgreSQL names the key (`lower(username`) and the index.
 */
export function isUniqueViolationOn(error: unknown, column: string): boolean {
  if (!isUniqueViolation(error)) return false;
  const meta = ((error as { meta?: UniqueViolationMeta }).meta ?? {}) as UniqueViolationMeta;
  const cause = meta.driverAdapterError?.cause;
  const words = [meta.target, cause?.originalMessage, cause?.constraint?.fields, cause?.constraint?.index].flat();
  const named = new RegExp(`(^|[^A-Za-z0-9])${column}([^A-Za-z0-9]|$)|_${column}_key`);
  return words.some((word) => typeof word === "string" && named.test(word));
}

/**
 * For a write's `.catch`: a unique violation becomes a 409 saying `message` (which value is
 * taken), anything else is thrown on. Without it the API still answers 409, but with the
 * generic "a record with this value already exists". Given `fields` (field → message key), the
 * 409 names the field too, for forms to show beside it.
 */
export function conflictOnUnique(message: string, fields: Record<string, string> = {}): (error: unknown) => never {
  return (error) => {
    throw isUniqueViolation(error) ? new ConflictError(message, "duplicate", fields) : error;
  };
}

export const databaseDownDetail = "The database cannot be reached right now; try again shortly.";

/** Maps any thrown value to a problem; unexpected errors become a generic 500. */
export function toProblem(error: unknown, locale?: Locale): Problem {
  if (error instanceof ZodError) {
    return {
      type: "about:blank",
      title: "Invalid input",
      status: 400,
      detail: "Some fields are invalid.",
      errors: fieldErrors(error, locale),
    };
  }
  if (error instanceof NotFoundError)
    return { type: "about:blank", title: "Not found", status: 404, detail: error.message };
  if (error instanceof ConflictError) {
    const named = Object.entries(error.fields).map(([field, key]) => [field, [validationText(key, locale)]]);
    return {
      type: "about:blank",
      title: "Conflict",
      status: 409,
      detail: error.message,
      code: error.code,
      ...(named.length ? { errors: Object.fromEntries(named) } : {}),
    };
  }
  if (isUniqueViolation(error)) {
    return { type: "about:blank", title: "Conflict", status: 409, detail: "A record with this value already exists." };
  }
  if (isDatabaseUnavailable(error)) {
    return { type: "about:blank", title: "Service unavailable", status: 503, detail: databaseDownDetail };
  }
  return { type: "about:blank", title: "Internal error", status: 500, detail: "Something went wrong on our side." };
}
