import type { Grant, KoaContextWithOIDC } from "oidc-provider";
import { isThirdParty } from "../applications/types";
import type { Db } from "../db/client";
import type { ClientStore } from "./client-store";

/** The newest unexpired grant a user gave an app, whatever session it was given in. */
async function rememberedGrantId(db: Db, accountId: string, clientId: string): Promise<string | undefined> {
  const row = await db.oidcPayload.findFirst({
    where: { model: "Grant", accountId, clientId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: { expiresAt: "desc" },
    select: { id: true },
  });
  return row?.id;
}

/**
 * oidc-provider's loadExistingGrant. Consent is remembered per user and app, not per session,
 * so a user who already granted an app its scopes is not asked again after signing in anew.
 * First-party apps are trusted: their grant is extended to whatever they ask, so they never
 * show the consent page.
 */
export function createGrantLoader(db: Db, clients: ClientStore) {
  return async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
    const { client, session, provider } = ctx.oidc;
    if (!client || !session?.accountId) return undefined;
    const grantId =
      ctx.oidc.result?.consent?.grantId ||
      session.grantIdFor(client.clientId) ||
      (await rememberedGrantId(db, session.accountId, client.clientId));
    let grant = grantId ? await provider.Grant.find(grantId) : undefined;
    if (grant && (grant.accountId !== session.accountId || grant.clientId !== client.clientId)) grant = undefined;

    const record = await clients.find(client.clientId);
    if (!record || isThirdParty(record.type)) return grant;

    grant ??= new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
    const scopes = [...ctx.oidc.requestParamOIDCScopes].join(" ");
    if (scopes) grant.addOIDCScope(scopes);
    const claims = [...(ctx.oidc.requestParamClaims ?? [])];
    if (claims.length) grant.addOIDCClaims(claims);
    await grant.save();
    return grant;
  };
}
