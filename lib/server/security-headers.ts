import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Latchkey's security headers, in one place: lib/server/app.ts applies them to everything it
 * does not hand to oidc-provider untouched, and lib/provider-pages/render.tsx to the pages it renders itself. (next.config.js sets none: every page goes through this server.)
 */
const common: Record<string, string> = {
  "x-content-type-options": "nosniff",
  // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own form
  // posts, which the forgery check must refuse; other sites still learn nothing.
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * The policy for pages. Scripts run only when they carry this response's nonce (Next.js reads
 * it from the request's Content-Security-Policy header and puts it on every script it emits);
 * 'strict-dynamic' lets those scripts load the page's other chunks. Styles come from this origin
 * or carry the nonce (Next.js puts it on any <style> it inlines); no 'unsafe-inline', so an
 * injected <style> cannot read the page with CSS selectors (attribute selectors fetching a
 * background image per matching character). Style attributes are refused too: no page needs one
 * (e2e/content-security.spec.ts walks every kind of page and fails on any refusal).
 * No form-action: a form post ends in a redirect to the app, and browsers check redirects
 * against form-action too.
 */
export function pagePolicy(nonce: string): string {
  const development = process.env.NODE_ENV === "development";
  // `npm run dev` only: Next's development runtime evaluates modules as strings.
  const devEval = development ? " 'unsafe-eval'" : "";
  // `npm run dev` only: Next's development overlay inserts <style> elements without the nonce
  // (and browsers ignore 'unsafe-inline' beside a nonce, so it goes alone).
  const styles = development ? "'unsafe-inline'" : `'nonce-${nonce}'`;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
    `style-src 'self' ${styles}`,
    // Apps' logos: any https address, or http on loopback (as lib/validation/uri.ts allows).
    "img-src 'self' data: https: http://localhost:* http://127.0.0.1:*",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Everything that is not a page (JSON, problem+json): nothing may be loaded or framed. */
const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

const NONCE = Symbol("latchkey.cspNonce");
type WithNonce = IncomingMessage & { [NONCE]?: string };

/** This request's nonce (made once, so a page rendered after a redirect inside the server keeps it). */
export function cspNonce(req: IncomingMessage): string {
  const holder = req as WithNonce;
  holder[NONCE] ??= randomBytes(16).toString("base64");
  return holder[NONCE];
}

function isPage(path: string) {
  return !path.startsWith("/api/") && path !== "/healthz" && !path.startsWith("/_next/static/");
}

/**
 * Sets the security headers for a response. Pages get a fresh nonce, also written on the request
 * (overwriting whatever the client sent) so Next.js applies the same one to its scripts.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, path: string) {
  for (const [name, value] of Object.entries(common)) res.setHeader(name, value);
  if (!isPage(path)) {
    delete req.headers["content-security-policy"];
    res.setHeader("content-security-policy", DATA_POLICY);
    return;
  }
  const policy = pagePolicy(cspNonce(req));
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("content-security-policy", policy);
}
