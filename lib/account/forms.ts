import { readFormData } from "../api/body-limit";
import { HttpError } from "../api/route";
import { formToken, isFormToken } from "../auth/form-token";
import { sessionIdFromCookie } from "../auth/sessions";
import { hashSecret } from "../oidc/client-store";
import { runtime } from "../runtime";
import { type AccountForm, accountFormFields } from "../validation/account";

/** What the anti-forgery tokens of /account's own edit forms are bound to (with the user's id). */
const ACCOUNT_FORM = "account: edits";

export function accountFormToken(userId: string): string {
  return formToken(runtime().console.sessionSecret, ACCOUNT_FORM, userId);
}

/** A plain form post from /account: its fields, once its anti-forgery token checks out (else 403). */
export async function readAccountForm(req: Request, userId: string): Promise<Record<string, string>> {
  const data = await readFormData(req);
  const fields: Record<string, string> = {};
  for (const [key, value] of data?.entries() ?? []) if (typeof value === "string") fields[key] = value;
  if (!isFormToken(runtime().console.sessionSecret, ACCOUNT_FORM, userId, fields.token)) {
    throw new HttpError(403, "Forbidden", "The form could not be verified. Reload the page and try again.");
  }
  return fields;
}

/** The id of the session row this request is signed in with (what a password change keeps). */
export async function currentSessionRow(req: Request): Promise<string | undefined> {
  const rt = runtime();
  const sessionId = await sessionIdFromCookie(req.headers.get("cookie"), rt.env.APP_URL, rt.console.sessionSecret);
  return sessionId ? hashSecret(sessionId) : undefined;
}

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Back to /account after a form, saying how it went in the query (a plain form post has nowhere
 * else to say it): `done=<form>`, or `form=<form>` with each field's error key as `error.<field>`
 * and the typed values worth keeping (never a password) as `value.<field>`.
 */
export function backToAccount(form: AccountForm, errors?: FieldErrors, keep: Record<string, string> = {}): Response {
  const params = new URLSearchParams();
  if (!errors) params.set("done", form);
  else {
    params.set("form", form);
    for (const [field, key] of Object.entries(errors)) if (key) params.set(`error.${field}`, key);
    for (const [field, value] of Object.entries(keep)) params.set(`value.${field}`, value.slice(0, 256));
  }
  const location = `/account?${params}#${form}`;
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/** The first error of each field a zod parse found, by the field it names. */
export function issuesByField(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "");
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

export type FormFeedback = {
  /** The form that was just saved. */
  done?: AccountForm;
  /** The form that was refused, with its fields' error keys (message keys only) and kept values. */
  form?: AccountForm;
  errors: FieldErrors;
  values: Record<string, string>;
};

const messageKey = /^[A-Za-z0-9]{1,40}$/;

/**
 * Reads what `backToAccount` put in the query. Only the form's own fields are read, and an error
 * is only ever a message key (the page shows its translation, never the query's text).
 */
export function formFeedback(query: Record<string, string | string[] | undefined>): FormFeedback {
  const one = (key: string) => (typeof query[key] === "string" ? (query[key] as string) : undefined);
  const isForm = (value: string | undefined): value is AccountForm =>
    value !== undefined && Object.hasOwn(accountFormFields, value);
  const done = one("done");
  const form = one("form");
  const feedback: FormFeedback = { errors: {}, values: {} };
  if (isForm(done)) feedback.done = done;
  if (!isForm(form)) return feedback;
  feedback.form = form;
  for (const field of accountFormFields[form]) {
    const error = one(`error.${field}`);
    if (error && messageKey.test(error)) feedback.errors[field] = error;
    const value = one(`value.${field}`);
    if (value !== undefined && !/password/i.test(field)) feedback.values[field] = value.slice(0, 256);
  }
  return feedback;
}
