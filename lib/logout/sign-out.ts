import type Provider from "oidc-provider";
import type { Db } from "../db/client";
import { unavailableAsOidc } from "../oidc/adapter";
import { routeBackchannelLogouts, type SignOut } from "../oidc/internals";
import { queueSignOut } from "./queue";

/**
 * When a user signs out (end_session), oidc-provider picks the apps to tell; their logout tokens
 * go to the durable queue, and the delivery worker sends them with retries like every other
 * logout token (lib/logout/delivery.ts). The first app's call queues the tokens of every app of
 * the sign-out in one transaction; the calls for the others find theirs queued. If that fails
 * the sign-out fails with it (a database outage answers 503) and the user stays signed in, so
 * trying again does the whole sign-out again.
 */
export function queueSignOutLogouts(provider: Provider, db: Db) {
  const queued = new WeakMap<SignOut, Promise<Set<string>>>();
  const queueAll = (signOut: SignOut) => {
    let all = queued.get(signOut);
    if (!all) {
      const targets = signOut.apps.map((app) => ({ ...app, subject: signOut.accountId }));
      all = queueSignOut(db, targets);
      queued.set(signOut, all);
    }
    return all;
  };
  routeBackchannelLogouts(provider, async (client, sub, sid, signOut) => {
    try {
      const done = signOut ? await queueAll(signOut) : new Set<string>();
      // An app oidc-provider tells that the sign-out did not list (not expected): queued on its own.
      if (!done.has(client.clientId)) await queueSignOut(db, [{ clientId: client.clientId, subject: sub, sid }]);
    } catch (error) {
      unavailableAsOidc(error);
    }
  });
}
