import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../errors";
import { randomId } from "../ids";

/** Why a logout token is sent; kept on the row and in the audit log. */
export type LogoutReason = "sign_out" | "suspended" | "deleted" | "grant_revoked" | "sessions_ended";

/** A transaction's client, or the database itself. */
type Writer = Pick<Db, "oidcPayload" | "application" | "logoutDelivery">;

type SessionPayload = { authorizations?: Record<string, { sid?: string }> };

/** One logout token to send: the user, and the session when the app wants it named. */
export type LogoutTarget = { clientId: string; subject: string; sessionId: string | null };

/**
 * Queues one logout token. The row commits with the transaction it is written in, so the
 * change that causes it (a suspension, a revocation) and the notice of it stand or fall together.
 */
export async function queueLogout(db: Pick<Db, "logoutDelivery">, target: LogoutTarget, reason: LogoutReason) {
  await db.logoutDelivery.create({ data: { id: randomId(), ...target, reason, nextAttemptAt: new Date() } });
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The delivery id (and so the token's `jti`) of a sign-out's token for one app: made from the
 * app and the session id it knows, in the form of randomId, so queueing the same sign-out twice
 * (the user resubmits it while the first is still running) stores one row and sends one token.
 * A hash, since the session id is not otherwise shown to an app that did not ask for it.
 */
export function signOutDeliveryId(clientId: string, sid: string): string {
  const digest = createHash("sha256").update(`sign_out\0${clientId}\0${sid}`).digest();
  return [...digest.subarray(0, 21)].map((byte) => idAlphabet[byte % idAlphabet.length]).join("");
}

/** One app's token of a sign-out (end_session): `sid` is the session id the app knows. */
export type SignOutTarget = { clientId: string; subject: string; sid: string };

/**
 * Queues the tokens of one sign-out, for those of `targets` whose app has a back-channel logout
 * URI, all or none (one transaction); a token already queued for the same app and session is
 * kept as it is. Returns the client ids queued for.
 *
 * Prisma's upsert reads, then inserts: two requests confirming the same sign-out at once (a
 * double click, two tabs, two instances) both find no row, and the later insert fails on the
 * id. The rows are then the other request's, the same ones: one more pass finds them queued.
 */
export async function queueSignOut(db: Db, targets: SignOutTarget[]): Promise<Set<string>> {
  if (targets.length === 0) return new Set();
  try {
    return await queueSignOutOnce(db, targets);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return queueSignOutOnce(db, targets);
  }
}

function queueSignOutOnce(db: Db, targets: SignOutTarget[]): Promise<Set<string>> {
  return db.$transaction(async (tx) => {
    const apps = await tx.application.findMany({
      where: { clientId: { in: targets.map((t) => t.clientId) }, backchannelLogoutUri: { not: "" } },
      select: { clientId: true, backchannelLogoutSessionRequired: true },
    });
    const required = new Map(apps.map((app) => [app.clientId, app.backchannelLogoutSessionRequired]));
    for (const target of targets) {
      if (!required.has(target.clientId)) continue;
      const id = signOutDeliveryId(target.clientId, target.sid);
      const sessionId = required.get(target.clientId) ? target.sid : null;
      const data = { id, clientId: target.clientId, subject: target.subject, sessionId, reason: "sign_out" };
      await tx.logoutDelivery.upsert({ where: { id }, create: { ...data, nextAttemptAt: new Date() }, update: {} });
    }
    return new Set(required.keys());
  });
}

/**
 * Queues a logout token for every app with a back-channel logout URI that the user is signed in
 * to (one per provider session) or holds a grant for, optionally only for `clientId`. Call it
 * before the sessions and grants are deleted, in the same transaction. An app that wants the
 * session named gets one token per session; one that does not, a single token naming the user
 * (which, per the specification, signs out every session of that user at the app).
 */
export async function queueLogoutsForAccount(
  db: Writer,
  accountId: string,
  reason: LogoutReason,
  clientId?: string,
): Promise<number> {
  const rows = await db.oidcPayload.findMany({
    where: {
      accountId,
      model: { in: ["Session", "Grant"] },
      OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
    },
    select: { model: true, clientId: true, payload: true },
  });
  const sids = new Map<string, Set<string>>();
  const note = (client: string) => {
    if (clientId && client !== clientId) return undefined;
    const set = sids.get(client) ?? new Set<string>();
    sids.set(client, set);
    return set;
  };
  for (const row of rows) {
    if (row.model === "Grant") {
      if (row.clientId) note(row.clientId);
      continue;
    }
    const session = JSON.parse(row.payload) as SessionPayload;
    for (const [client, authorization] of Object.entries(session.authorizations ?? {})) {
      const set = note(client);
      if (set && authorization.sid) set.add(authorization.sid);
    }
  }
  if (sids.size === 0) return 0;
  const apps = await db.application.findMany({
    where: { clientId: { in: [...sids.keys()] }, backchannelLogoutUri: { not: "" } },
    select: { clientId: true, backchannelLogoutSessionRequired: true },
  });
  const targets: LogoutTarget[] = [];
  for (const app of apps) {
    const sessions = [...(sids.get(app.clientId) ?? [])];
    if (!app.backchannelLogoutSessionRequired) {
      targets.push({ clientId: app.clientId, subject: accountId, sessionId: null });
      continue;
    }
    // The app needs `sid` to act on a token; with no session of the user's left to name, there
    // is nothing it could match.
    for (const sid of sessions) targets.push({ clientId: app.clientId, subject: accountId, sessionId: sid });
  }
  for (const target of targets) await queueLogout(db, target, reason);
  return targets.length;
}
