import type { Configuration } from "oidc-provider";

type FetchHook = NonNullable<Configuration["fetch"]>;

/**
 * oidc-provider's requests to addresses an app registered (its jwks_uri, for private_key_jwt),
 * through the documented `fetch` hook of its configuration. oidc-provider 9 already gives each
 * one a 2.5 s timeout and passes, as `options.dispatcher`, an undici Agent that refuses
 * connections to special-use addresses (loopback, private, link-local...), so an app cannot make
 * Latchkey read its own network; the body limit is `fetchResponseBodyLimits` (JWKS_URI_BODY_LIMIT
 * here). This adds what it lacks:
 * - https only: the keys decide who the app is, so they must come over an authenticated channel
 *   (the client metadata schema alone would take an http jwks_uri);
 * - `allowPrivate` (JWKS_FETCH_ALLOW_PRIVATE): an admin whose apps publish their keys inside the
 *   network lifts the address block by dropping that dispatcher (Node's global one applies).
 */
export function outgoingFetch(allowPrivate: boolean): FetchHook {
  return async (url, options) => {
    const target = new URL(url instanceof Request ? url.url : String(url));
    if (target.protocol !== "https:") throw new Error(`refused to fetch ${target.protocol} URL: only https is allowed`);
    if (!allowPrivate) return globalThis.fetch(url, options);
    const { dispatcher: _addressBlock, ...rest } = options as RequestInit & { dispatcher?: unknown };
    return globalThis.fetch(url, rest);
  };
}

/** The largest key set accepted from a jwks_uri (oidc-provider's default has no limit). */
export const JWKS_URI_BODY_LIMIT = 64 * 1024;
