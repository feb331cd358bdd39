import { ZodError } from "zod";
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
};

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class ConflictError extends Error {}

/** Field paths (`redirectUris.1`) mapped to their messages, in `locale` (English by default). */
export function fieldErrors(error: ZodError, locale?: Locale): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] = [...(out[key] ?? []), validationText(issue.message, locale)];
  }
  return out;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

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
  if (error instanceof ConflictError)
    return { type: "about:blank", title: "Conflict", status: 409, detail: error.message };
  if (isUniqueViolation(error)) {
    return { type: "about:blank", title: "Conflict", status: 409, detail: "A record with this value already exists." };
  }
  return { type: "about:blank", title: "Internal error", status: 500, detail: "Something went wrong on our side." };
}
