import { errors, type KoaContextWithOIDC, type ResourceServer } from "oidc-provider";
import { apiGrantable, refusedPermission } from "../apis/grantable";
import type { Db } from "../db/client";
import type { ClientStore } from "./client-store";
import { managementScope } from "./scopes";

const HOUR = 3600;

/** Requests where the app states what it wants: a permission it may not have is refused there. */
function asksForScopes(ctx: KoaContextWithOIDC): boolean {
  const route = ctx.oidc.route;
  if (route === "authorization" || route === "pushed_authorization_request") return true;
  return route === "token" && ctx.oidc.params?.grant_type === "client_credentials";
}

/** The user a token is for: the grant's at the token endpoint, the session's during authorization. */
function accountOf(ctx: KoaContextWithOIDC): string | undefined {
  return ctx.oidc.entities.Grant?.accountId ?? ctx.oidc.entities.Account?.accountId ?? ctx.oidc.session?.accountId;
}

/**
 * oidc-provider's getResourceServerInfo (RFC 8707). Two kinds of resource:
 * - Latchkey's own management API (`$APP_URL/api`): machine-to-machine apps only, opaque tokens
 *   looked up by lib/auth/bearer.ts, the management scope for apps an admin allowed it;
 * - the APIs admins registered: JWT access tokens (RFC 9068) signed with the provider's keys,
 *   `aud` the indicator, carrying only the permissions the app may ask for and, for a user, that
 *   the user's roles grant (consent then narrows the grant further). A permission of the API the
 *   app may not ask for is refused with invalid_scope naming it.
 */
export function createResourceServers(db: Db, clients: ClientStore, managementResource: string) {
  return async function getResourceServerInfo(
    ctx: KoaContextWithOIDC,
    resource: string,
    client: { clientId: string },
  ): Promise<ResourceServer> {
    const record = clients.cached(client.clientId) ?? (await clients.find(client.clientId));
    if (resource === managementResource) {
      if (record?.type !== "m2m") throw new errors.InvalidTarget();
      const scope = record.allowedScopes.includes(managementScope) ? managementScope : "";
      return { audience: managementResource, scope, accessTokenTTL: HOUR, accessTokenFormat: "opaque" };
    }
    if (!record || record.createdAt === 0) throw new errors.InvalidTarget();
    const machine = record.type === "m2m";
    const api = await apiGrantable(db, resource, {
      applicationId: record.applicationId,
      machine,
      accountId: machine ? undefined : accountOf(ctx),
    });
    if (!api) throw new errors.InvalidTarget();
    if (asksForScopes(ctx)) {
      const refused = refusedPermission(api, ctx.oidc.requestParamScopes);
      if (refused) throw new errors.InvalidScope("requested scope is not allowed", refused);
    }
    return {
      audience: resource,
      scope: [...api.grantable].join(" "),
      accessTokenTTL: api.accessTokenTtl,
      accessTokenFormat: "jwt",
      jwt: { sign: { alg: "RS256" } },
    };
  };
}
