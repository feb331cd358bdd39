import type { Db } from "../db/client";
import { unexpired } from "../db/unexpired";
import { NotFoundError } from "../errors";
import { queueLogoutsForAccount } from "../logout/queue";

/** An app a user authorized, as the "Connected apps" page and the console list it. */
export type ConnectedApp = {
  clientId: string;
  applicationId: string;
  name: string;
  logoUrl: string;
  scopes: string[];
  authorizedAt: Date;
};

/** A connected app as a page hands it to the browser: the date already written in the reader's language. */
export type ConnectedAppRow = { clientId: string; name: string; logoUrl: string; scopes: string[]; authorized: string };

export function connectedAppRows(apps: ConnectedApp[], formatDate: (value: Date) => string): ConnectedAppRow[] {
  return apps.map(({ clientId, name, logoUrl, scopes, authorizedAt }) => ({
    clientId,
    name,
    logoUrl,
    scopes,
    authorized: formatDate(authorizedAt),
  }));
}

type GrantPayload = { iat?: number; openid?: { scope?: string } };

/**
 * The third-party apps a user authorized, newest first: one entry per app, with every scope
 * granted in any session. First-party apps are trusted without consent, so they are not listed.
 */
export async function listConnectedApps(db: Db, accountId: string): Promise<ConnectedApp[]> {
  const grants = await db.oidcPayload.findMany({
    where: { model: "Grant", accountId, ...unexpired() },
    select: { clientId: true, payload: true },
  });
  const byClient = new Map<string, { scopes: Set<string>; at: number }>();
  for (const grant of grants) {
    if (!grant.clientId) continue;
    const payload = JSON.parse(grant.payload) as GrantPayload;
    const entry = byClient.get(grant.clientId) ?? { scopes: new Set<string>(), at: 0 };
    for (const scope of payload.openid?.scope?.split(" ") ?? []) if (scope) entry.scopes.add(scope);
    entry.at = Math.max(entry.at, payload.iat ?? 0);
    byClient.set(grant.clientId, entry);
  }
  if (byClient.size === 0) return [];
  const apps = await db.application.findMany({
    where: { clientId: { in: [...byClient.keys()] }, type: "third-party" },
    select: { id: true, clientId: true, name: true, displayName: true, logoUrl: true },
  });
  return apps
    .map((app) => {
      const entry = byClient.get(app.clientId) ?? { scopes: new Set<string>(), at: 0 };
      return {
        clientId: app.clientId,
        applicationId: app.id,
        name: app.displayName || app.name,
        logoUrl: app.logoUrl,
        scopes: [...entry.scopes].filter((scope) => scope !== "openid" && scope !== "offline_access"),
        authorizedAt: new Date(entry.at * 1000),
      };
    })
    .sort((a, b) => b.authorizedAt.getTime() - a.authorizedAt.getTime());
}

/**
 * Takes back everything a user gave an app, in one transaction: every grant (remembered consent
 * and each session's), and every token issued under them. Refresh tokens stop working at once,
 * access tokens introspect as inactive, the next sign-in asks for consent again, and the app is
 * sent a logout token.
 */
export async function revokeConnectedApp(db: Db, accountId: string, clientId: string): Promise<{ grants: number }> {
  return db.$transaction(async (tx) => {
    const grants = await tx.oidcPayload.findMany({
      where: { model: "Grant", accountId, clientId },
      select: { id: true },
    });
    if (grants.length === 0) throw new NotFoundError("Grant");
    const ids = grants.map((grant) => grant.id);
    // The app hears of it by back-channel logout, if it registered a URI (lib/logout/).
    await queueLogoutsForAccount(tx, accountId, "grant_revoked", clientId);
    await tx.oidcPayload.deleteMany({ where: { grantId: { in: ids } } });
    await tx.oidcPayload.deleteMany({ where: { model: "Grant", id: { in: ids } } });
    return { grants: ids.length };
  });
}

export type GrantedUser = { id: string; email: string; name: string };

/**
 * Who has an unexpired grant for this client (consent remembered, or a session): how many, and
 * the first `limit` of them by email, for the Permissions tab to link to.
 */
export async function listGrantedUsers(
  db: Db,
  clientId: string,
  limit = 10,
): Promise<{ total: number; users: GrantedUser[] }> {
  const rows = await db.oidcPayload.groupBy({
    by: ["accountId"],
    where: { model: "Grant", clientId, ...unexpired() },
  });
  const ids = rows.flatMap((row) => (row.accountId ? [row.accountId] : []));
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, email: true, name: true },
    orderBy: { email: "asc" },
    take: limit,
  });
  return { total: ids.length, users };
}
