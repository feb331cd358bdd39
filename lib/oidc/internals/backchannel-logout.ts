import type Provider from "oidc-provider";

/** The app oidc-provider chose to tell about a sign-out, as its client instance holds it. */
export type SignedOutClient = { clientId: string; backchannelLogoutSessionRequired?: boolean };

type ClientClass = {
  prototype: { backchannelLogout(this: SignedOutClient, sub: string, sid: string): Promise<void> };
};

/**
 * At end_session oidc-provider picks the apps to tell (every app of the session with a
 * `backchannel_logout_uri`, or only the one that asked) and awaits each client instance's
 * `backchannelLogout(sub, sid)` (9.13.3, lib/actions/end_session.js), which signs a logout token
 * and POSTs it once, forgetting a failure (lib/models/client.js). This replaces that method so
 * the choice stays oidc-provider's and the sending is `send`'s: Latchkey queues the token and
 * delivers it with retries (lib/logout/).
 */
export function routeBackchannelLogouts(
  provider: Provider,
  send: (client: SignedOutClient, sub: string, sid: string) => Promise<void>,
) {
  const Client = provider.Client as unknown as ClientClass;
  Client.prototype.backchannelLogout = function routed(sub, sid) {
    return send(this, sub, sid);
  };
}
