import type { Actor } from "../audit/events";
import { HttpError } from "../errors";
import { managementScope } from "../oidc/scopes";
import { runtime } from "../runtime";

const realm = 'Bearer realm="latchkey"';

/**
 * Checks a management API bearer token: an access token this provider issued to a
 * machine-to-machine app through client_credentials, for the API resource, still valid, with
 * the management scope (RFC 6750 errors otherwise). Scripts authenticate exactly as any OAuth
 * client would; the token is looked up in the provider's own store.
 */
export async function bearerActor(authorization: string): Promise<Actor> {
  const [scheme, token] = authorization.split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token) {
    throw new HttpError(401, "Unauthorized", "Use a bearer token.", realm);
  }
  const rt = runtime();
  const invalid = () =>
    new HttpError(401, "Unauthorized", "The access token is invalid or expired.", `${realm}, error="invalid_token"`);
  const found = await rt.provider.ClientCredentials.find(token).catch(() => undefined);
  if (!found?.clientId || found.isExpired) throw invalid();
  const audience = `${rt.env.APP_URL}/api`;
  const aud = (found as unknown as { aud?: string | string[] }).aud;
  if (!(Array.isArray(aud) ? aud.includes(audience) : aud === audience)) throw invalid();
  const client = await rt.clients.find(found.clientId);
  if (client?.type !== "m2m") throw invalid();
  if (!found.scope?.split(" ").includes(managementScope)) {
    throw new HttpError(
      403,
      "Forbidden",
      `The access token lacks the ${managementScope} scope.`,
      `${realm}, error="insufficient_scope", scope="${managementScope}"`,
    );
  }
  return { id: found.clientId, label: `client ${client.name}` };
}
