import Provider from "oidc-provider";

/** The app oidc-provider chose to tell about a sign-out, as its client instance holds it. */
export type SignedOutClient = { clientId: string; backchannelLogoutSessionRequired?: boolean };

/**
 * The sign-out (end_session confirmation) a call belongs to: the user, and every app of the
 * session oidc-provider will consider telling, each with the session id (`sid`) it knows. The
 * same object for every call of one request, so a caller can do its work once per sign-out.
 */
export type SignOut = { accountId: string; apps: { clientId: string; sid: string }[] };

type ClientClass = {
  prototype: { backchannelLogout(this: SignedOutClient, sub: string, sid: string): Promise<void> };
};

type SignOutContext = {
  oidc?: {
    route?: string;
    params?: { logout?: string };
    session?: { accountId?: string; state?: { clientId?: string }; authorizations?: Record<string, { sid?: string }> };
  };
};

const signOuts = new WeakMap<object, SignOut>();

/**
 * The sign-out of the current request, read from oidc-provider's request context (9.13.3:
 * `Provider.ctx`, lib/helpers/initialize_app.js) with the rule lib/actions/end_session.js uses to
 * pick the apps: all of the session's with `logout=yes`, else only the one that asked.
 */
function currentSignOut(): SignOut | undefined {
  const ctx = Provider.ctx as SignOutContext | undefined;
  const session = ctx?.oidc?.session;
  if (ctx?.oidc?.route !== "end_session_confirm" || !session?.accountId) return undefined;
  const known = signOuts.get(ctx);
  if (known) return known;
  const everyApp = Boolean(ctx.oidc?.params?.logout);
  const apps = Object.entries(session.authorizations ?? {})
    .filter(([clientId, { sid }]) => sid && (everyApp || clientId === session.state?.clientId))
    .map(([clientId, { sid }]) => ({ clientId, sid: String(sid) }));
  const signOut = { accountId: session.accountId, apps };
  signOuts.set(ctx, signOut);
  return signOut;
}

/** Marks an error of `send` so the listener below knows to stop the sign-out with it. */
const fromSend = new WeakSet<object>();

/**
 * At end_session oidc-provider picks the apps to tell (every app of the session with a
 * `backchannel_logout_uri`, or only the one that asked) and awaits each client instance's
 * `backchannelLogout(sub, sid)` (9.13.3, lib/actions/end_session.js), which signs a logout token
 * and POSTs it once, forgetting a failure (lib/models/client.js). This replaces that method so
 * the choice stays oidc-provider's and the sending is `send`'s: Latchkey queues the token and
 * delivers it with retries (lib/logout/). `send` also gets the whole sign-out, so it can queue
 * every app's token at the first call, in one transaction.
 *
 * oidc-provider catches a failed call and only emits `backchannel.error`, then revokes the
 * grants and destroys the session anyway: the user would be signed out while the apps never
 * hear of it. In 9.13.3 that event is emitted inside the promise end_session awaits
 * (`Promise.all(back)`) before it revokes or destroys anything, so a listener that throws turns
 * the failure into the request's error: the session stays, and the error answer (a 503 for a
 * database outage) tells the user to try again. tests/unit/oidc-internals-pages.test.ts fails if
 * that order changes.
 */
export function routeBackchannelLogouts(
  provider: Provider,
  send: (client: SignedOutClient, sub: string, sid: string, signOut: SignOut | undefined) => Promise<void>,
) {
  const Client = provider.Client as unknown as ClientClass;
  Client.prototype.backchannelLogout = function routed(sub, sid) {
    return send(this, sub, sid, currentSignOut()).catch((error: unknown) => {
      const marked = error instanceof Error ? error : new Error(String(error));
      fromSend.add(marked);
      throw marked;
    });
  };
  const on = provider.on.bind(provider) as (event: string, handler: (ctx: unknown, error: unknown) => void) => void;
  on("backchannel.error", (_ctx, error) => {
    if (typeof error === "object" && error && fromSend.has(error)) throw error;
  });
}
