import type { KoaContextWithOIDC } from "oidc-provider";

type Next = () => Promise<void>;

/**
 * oidc-provider answers a revocation with 200 and an empty body typed `text/plain` (9.13.3,
 * lib/actions/revocation.js sets `ctx.body = ''`, and Koa types a string body). RFC 7009 §2.2
 * asks only for the 200; strict clients (oidc-client-ts's revokeTokens) refuse any content type
 * they cannot parse as JSON but accept none at all, so the answer is 200 with no body and no
 * Content-Type. (Koa 3 drops the type of an explicitly null body and turns its status into 204,
 * so the 200 is set again after it.)
 *
 * A provider middleware (`provider.use`); every other request passes straight through, without
 * an extra promise on the token endpoint's path.
 */
export function revocationWithoutBody(revocationPath: string) {
  return (ctx: KoaContextWithOIDC, next: Next) => {
    if (ctx.method !== "POST" || ctx.path !== revocationPath) return next();
    return next().then(() => {
      if (ctx.status !== 200 || ctx.body !== "") return;
      ctx.body = null;
      ctx.status = 200;
    });
  };
}
