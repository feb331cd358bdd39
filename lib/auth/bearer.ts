import type { Actor } from "../audit/events";
import { unexpired } from "../db/unexpired";
import { HttpError } from "../errors";
import { issuedToThisApp } from "../oidc/client-store";
import { findClientCredentials } from "../oidc/internals";
import { managementScope } from "../oidc/scopes";
import { runtime } from "../runtime";

const realm = 'Bearer realm="latchkey"';

/**
 * Checks a management API bearer token: an access token this provider issued to a
 * machine-to-machine app through client_credentials, for the API resource, still valid, with
 * the management scope (RFC 6750 errors otherwise). Scripts authenticate exactly as any OAuth
 * client would; the token is looked up in the provider's own store.
 *
 * The token alone is not enough: the app it was issued to is read from the database on every
 * call (not from the client cache), and must still exist, still be allowed the management scope
 * and still hold an unexpired secret. Taking any of these away stops its tokens at once, on
 * every instance, rather than when they expire.
 */
export async function bearerActor(authorization: string): Promise<Actor> {
  const [scheme, token] = authorization.split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token) {
    throw new HttpError(401, "Unauthorized", "Use a bearer token.", realm);
  }
  const rt = runtime();
  const invalid = (detail = "The access token is invalid or expired.") =>
    new HttpError(401, "Unauthorized", detail, `${realm}, error="invalid_token"`);
  const insufficient = (detail: string) =>
    new HttpError(403, "Forbidden", detail, `${realm}, error="insufficient_scope", scope="${managementScope}"`);
  const found = await findClientCredentials(rt.provider, token);
  if (!found || found.expired || !found.audience.includes(`${rt.env.APP_URL}/api`)) throw invalid();
  const app = await rt.database.prisma.application.findUnique({
    where: { clientId: found.clientId },
    select: {
      id: true,
      name: true,
      type: true,
      createdAt: true,
      allowedScopes: true,
      secrets: {
        where: unexpired(),
        select: { id: true },
        take: 1,
      },
    },
  });
  // Gone, not m2m, or a new app under the same client ID (deleted and imported again).
  const issued = { iat: found.issuedAt, extra: found.extra };
  if (app?.type !== "m2m" || !issuedToThisApp({ applicationId: app.id, createdAt: app.createdAt.getTime() }, issued)) {
    throw invalid();
  }
  if (app.secrets.length === 0) throw invalid("The application this token was issued to has no valid secret left.");
  if (!found.scope.split(" ").includes(managementScope)) {
    throw insufficient(`The access token lacks the ${managementScope} scope.`);
  }
  if (!(JSON.parse(app.allowedScopes) as unknown[]).includes(managementScope)) {
    throw insufficient(`The application this token was issued to is no longer allowed the ${managementScope} scope.`);
  }
  return { id: found.clientId, label: `client ${app.name}` };
}
