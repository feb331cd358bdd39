import type { KoaContextWithOIDC } from "oidc-provider";

const AFTER_ROUTE = Symbol("page rendered once the route has finished");
type AfterRoute = { [AFTER_ROUTE]?: () => Promise<void> };

/**
 * For hooks that render a page (`logoutSource`): renders it once oidc-provider's route has
 * finished; install `renderedAfterRoute` with `provider.use`.
 *
 * Renders a page once oidc-provider's route has finished, so everything the route stores (the
 * session, saved in its own middleware after the hook that asked for the page) is stored before
 * the browser can act on the page. Without it a quick confirm could reach a session that does not
 * hold the logout's xsrf yet.
 */
export function renderAfterRoute(ctx: KoaContextWithOIDC, render: () => Promise<void>) {
  (ctx.state as AfterRoute)[AFTER_ROUTE] = render;
}

export async function renderedAfterRoute(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  await next();
  const render = (ctx.state as AfterRoute)[AFTER_ROUTE];
  // An error page rendered on the way out has taken the response already.
  if (render && ctx.respond !== false) await render();
}
