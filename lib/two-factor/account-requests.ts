import { readFormData } from "../api/body-limit";
import { HttpError, readJson } from "../api/route";
import type { SessionUser } from "../auth/sessions";
import { isTwoFactorFormToken } from "./account-forms";

/**
 * A request to the account page's two-factor endpoints: a plain form post (no script, with the
 * anti-forgery token; answered with a redirect) or JSON from a script (answered with JSON; the
 * route's Origin check and the JSON content type, which no cross-site form can send, guard it).
 */
export async function readTwoFactorRequest(req: Request, user: SessionUser) {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    const body = await readJson(req);
    return { form: false, fields: (body && typeof body === "object" ? body : {}) as Record<string, unknown> };
  }
  const data = await readFormData(req);
  const fields = Object.fromEntries(data?.entries() ?? []) as Record<string, unknown>;
  if (!isTwoFactorFormToken(user.id, fields.token)) {
    throw new HttpError(403, "Forbidden", "The form could not be verified. Reload the page and try again.");
  }
  return { form: true, fields };
}

export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

export function noStoreJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
