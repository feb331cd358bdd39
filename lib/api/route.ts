import { z } from "zod";
import type { Actor } from "../audit/events";
import { bearerActor } from "../auth/bearer";
import { type ConsoleAdmin, currentAdmin, currentUser, type SessionUser } from "../auth/console-session";
import { RETRY_AFTER_SECONDS } from "../db/availability";
import { HttpError, type Problem, toProblem } from "../errors";
import { LOCALE_COOKIE, type Locale, pickLocale } from "../i18n/locales";
import { runtime } from "../runtime";
import { BODY_LIMIT, readBody } from "./body-limit";

export { HttpError } from "../errors";

export function problemResponse(problem: Problem): Response {
  const headers: Record<string, string> = { "content-type": "application/problem+json", "cache-control": "no-store" };
  // 503 means the database is unreachable: the client may come back.
  if (problem.status === 503) headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  return Response.json(problem, { status: problem.status, headers });
}

/** problem+json for an HttpError, with its challenge (WWW-Authenticate) when it has one. */
export function httpErrorResponse(error: HttpError): Response {
  const response = problemResponse({
    type: "about:blank",
    title: error.title,
    status: error.status,
    detail: error.message,
  });
  if (error.challenge) response.headers.set("www-authenticate", error.challenge);
  return response;
}

function requestLocale(req: Request): Locale {
  const cookies = (req.headers.get("cookie") ?? "").split(/;\s*/);
  const chosen = cookies.find((c) => c.startsWith(`${LOCALE_COOKIE}=`))?.slice(LOCALE_COOKIE.length + 1);
  return pickLocale(chosen, req.headers.get("accept-language"));
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie-authenticated request that changes something must come from the console's own pages:
 * the browser's Origin header says so. JSON bodies alone are not enough (a form can post text/plain).
 */
function sameOrigin(req: Request): boolean {
  if (safeMethods.has(req.method)) return true;
  const origin = req.headers.get("origin");
  return origin !== null && origin === new URL(runtime().env.APP_URL).origin;
}

/**
 * Path and query parameters are IDs, emails, searches and page numbers: none holds a control
 * character. Refusing them by name up front keeps a NUL from reaching PostgreSQL, which rejects
 * it in text with an error (a 500 instead of a 400).
 */
const parameterValues = z.record(z.string(), z.string().regex(/^\P{Cc}*$/u, "textControlCharacter"));

function checkParameters(req: Request, params: unknown) {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  parameterValues.parse({ ...query, ...(params as Record<string, string>) });
}

export type PublicContext<P> = { req: Request; params: P; locale: Locale };
/**
 * A management API caller: an admin's console session, or a machine-to-machine app holding an
 * access token this provider issued with the management scope. `actor` is what the audit log names.
 */
export type AdminContext<P> = PublicContext<P> & { admin?: ConsoleAdmin; actor: Actor };
export type UserContext<P> = PublicContext<P> & { user: SessionUser };

/**
 * Runs a route: the admin check when asked (401), then the cross-site check for writes (403),
 * and maps every error to problem+json (validation 400 with field paths, 404, 409; anything else
 * a generic 500 whose detail goes to the log only).
 */
function wrap<P, C>(
  authorize: ((req: Request) => Promise<C & { bearer?: boolean }>) | undefined,
  handler: (context: PublicContext<P> & C) => Promise<Response>,
) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    const locale = requestLocale(req);
    try {
      const extra = authorize ? await authorize(req) : ({} as C & { bearer?: boolean });
      // A bearer token is not sent by browsers on their own, so it needs no cross-site check.
      if (!extra.bearer && !sameOrigin(req)) throw new HttpError(403, "Forbidden", "Cross-site requests are refused.");
      const params = await context.params;
      checkParameters(req, params);
      return await handler({ req, params, locale, ...extra });
    } catch (error) {
      if (error instanceof HttpError) return httpErrorResponse(error);
      const problem = toProblem(error, locale);
      if (problem.status === 500) runtime().log.error("API request failed", { error, path: new URL(req.url).pathname });
      return problemResponse(problem);
    }
  };
}

/** A route anyone may call (the first-admin setup). */
export function publicRoute<P = Record<string, never>>(handler: (context: PublicContext<P>) => Promise<Response>) {
  return wrap<P, object>(undefined, handler);
}

/** A route for whoever is signed in to Latchkey's pages (the account page). */
export function userRoute<P = Record<string, never>>(handler: (context: UserContext<P>) => Promise<Response>) {
  return wrap<P, { user: SessionUser }>(async () => {
    const user = await currentUser();
    if (!user) throw new HttpError(401, "Unauthorized", "Sign in first.");
    return { user };
  }, handler);
}

/** A management API route: an admin session, or a bearer token with the management scope. */
export function adminRoute<P = Record<string, never>>(handler: (context: AdminContext<P>) => Promise<Response>) {
  return wrap<P, { admin?: ConsoleAdmin; actor: Actor }>(async (req) => {
    const authorization = req.headers.get("authorization");
    if (authorization) return { actor: await bearerActor(authorization), bearer: true };
    const admin = await currentAdmin();
    if (!admin) throw new HttpError(401, "Unauthorized", "Sign in to the console as an admin, or send a bearer token.");
    return { admin, actor: { id: admin.id, label: admin.email } };
  }, handler);
}

/**
 * The request's JSON body; anything else is a 400 (or 415 for another content type, 413 past
 * `limit` bytes: lib/api/body-limit.ts).
 */
export async function readJson(req: Request, limit = BODY_LIMIT): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new HttpError(415, "Unsupported media type", "Send the body as application/json.");
  }
  // Decoded as req.json() decodes (the Encoding standard's UTF-8 decode), which drops a leading
  // byte order mark: files saved by some Windows editors start with one, and parse as JSON.
  const text = new TextDecoder().decode(await readBody(req, limit));
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "Invalid JSON", "The request body is not valid JSON.");
  }
}
