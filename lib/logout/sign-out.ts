import type Provider from "oidc-provider";
import type { Db } from "../db/client";
import { routeBackchannelLogouts } from "../oidc/internals";
import { queueLogout } from "./queue";

/**
 * When a user signs out (end_session), oidc-provider picks the apps to tell; their logout tokens
 * go to the durable queue, and the delivery worker sends them with retries like every other
 * logout token (lib/logout/delivery.ts).
 */
export function queueSignOutLogouts(provider: Provider, db: Db) {
  routeBackchannelLogouts(provider, async (client, sub, sid) => {
    const sessionId = client.backchannelLogoutSessionRequired ? sid : null;
    await queueLogout(db, { clientId: client.clientId, subject: sub, sessionId }, "sign_out");
  });
}
