import Provider from "oidc-provider";

/**
 * The name of the oidc-provider route the current request is on ("token", "revocation"...), or
 * undefined outside one. oidc-provider runs each request inside an AsyncLocalStorage whose store
 * is the Koa context (9.13.3: `Provider.ctx`, set in lib/helpers/initialize_app.js), so adapter
 * methods, which receive no context, can still tell why they are called.
 */
export function currentRoute(): string | undefined {
  return (Provider.ctx as { oidc?: { route?: string } } | undefined)?.oidc?.route;
}
