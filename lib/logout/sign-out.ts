import type Provider from "oidc-provider";
import type { Db } from "../db/client";
import { queueLogout } from "./queue";

type LogoutClient = { clientId: string; backchannelLogoutSessionRequired?: boolean };

/**
 * When a user signs out (end_session), oidc-provider picks the apps to tell (every app of the
 * session, or only the one that asked) and calls each client's `backchannelLogout(sub, sid)`,
 * which would POST once, at once, and forget a failure. Here it queues the token instead, and the
 * delivery worker sends it with retries like every other logout token (lib/logout/delivery.ts).
 */
export function queueSignOutLogouts(provider: Provider, db: Db) {
  const Client = provider.Client as unknown as {
    prototype: { backchannelLogout(this: LogoutClient, sub: string, sid: string): Promise<void> };
  };
  Client.prototype.backchannelLogout = async function queueIt(sub, sid) {
    const sessionId = this.backchannelLogoutSessionRequired ? sid : null;
    await queueLogout(db, { clientId: this.clientId, subject: sub, sessionId }, "sign_out");
  };
}
