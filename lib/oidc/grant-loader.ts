import type { Grant, KoaContextWithOIDC } from "oidc-provider";
import { isThirdParty } from "../applications/types";
import type { ClientStore } from "./client-store";
import type { PayloadStore } from "./payload-store";

/**
 * oidc-provider's loadExistingGrant. Consent is remembered per user and app, not per session,
 * so a user who already granted an app its scopes is not asked again after signing in anew.
 * First-party apps are trusted: their grant is extended to whatever they ask, so they never
 * show the consent page. A device sign-in (RFC 8628) is the exception: whoever typed the code is
 * shown the app and asked every time, since the code may have come from someone else's device
 * (RFC 8628 §5.4, remote phishing); only the consent given in this very interaction counts.
 */
export function createGrantLoader(payloads: PayloadStore, clients: ClientStore) {
  return async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
    const { client, session, provider } = ctx.oidc;
    if (!client || !session?.accountId) return undefined;
    const accountId = session.accountId;
    const owned = (grant: Grant | undefined) =>
      grant && grant.accountId === accountId && grant.clientId === client.clientId ? grant : undefined;

    if (ctx.oidc.route === "code_verification" || ctx.oidc.route === "device_resume") {
      const given = ctx.oidc.result?.consent?.grantId;
      return given ? owned(await provider.Grant.find(given)) : undefined;
    }

    const ownId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    let grant = ownId ? owned(await provider.Grant.find(ownId)) : undefined;
    if (!grant) {
      // Consent given in another session is remembered, but copied into a grant of this session:
      // signing out here revokes this session's grant and tokens, not the other devices'.
      // The newest unexpired grant the user gave the app, whatever session it was given in.
      const rememberedId = await payloads.newestGrantId(accountId, client.clientId);
      const remembered = rememberedId ? owned(await provider.Grant.find(rememberedId)) : undefined;
      if (remembered) {
        grant = new provider.Grant({ accountId, clientId: client.clientId });
        const scope = remembered.getOIDCScope();
        if (scope) grant.addOIDCScope(scope);
        const claims = remembered.getOIDCClaims();
        if (claims.length) grant.addOIDCClaims(claims);
        for (const resource of Object.keys(remembered.resources ?? {})) {
          grant.addResourceScope(resource, remembered.getResourceScope(resource));
        }
        await grant.save();
      }
    }

    const record = await clients.find(client.clientId);
    if (!record || isThirdParty(record.type)) return grant;

    // First-party apps are trusted: their grant covers whatever they ask for.
    grant ??= new provider.Grant({ accountId, clientId: client.clientId });
    const scopes = [...ctx.oidc.requestParamOIDCScopes].join(" ");
    if (scopes) grant.addOIDCScope(scopes);
    const claims = [...(ctx.oidc.requestParamClaims ?? [])];
    if (claims.length) grant.addOIDCClaims(claims);
    await grant.save();
    return grant;
  };
}
