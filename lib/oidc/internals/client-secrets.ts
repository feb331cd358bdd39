import Provider, { errors, type KoaContextWithOIDC } from "oidc-provider";

/** What a presented secret turned out to be (lib/oidc/client-store.ts decides). */
export type SecretVerdict = "ok" | "expired" | "invalid";

type ClientInstance = { clientId: string; clientAuthMethod: string };
type ClientClass = { prototype: { compareClientSecret(this: ClientInstance, presented: string): unknown } };

function refused(description: string): Error {
  // InvalidClientAuth's description is fixed ("client authentication failed"); this one says why.
  const error = new errors.InvalidClient(`client authentication failed: ${description}`);
  return Object.assign(error, { status: 401, statusCode: 401 });
}

/**
 * oidc-provider accepts a secret in the Authorization header and in the form body alike for an
 * app registered with either `client_secret_basic` or `client_secret_post` (9.13.3,
 * lib/shared/client_auth.js offers both methods for both places). An app's chosen method is a
 * promise to refuse the other, so this checks where the secret came from: the body's
 * `client_secret` (`ctx.oidc.params`, read from the request context oidc-provider keeps in
 * `Provider.ctx`) or the header.
 */
function checkPlacement(client: ClientInstance) {
  const ctx = Provider.ctx as KoaContextWithOIDC | undefined;
  // Secrets are compared only while oidc-provider authenticates a request; anything else is refused.
  if (!ctx?.oidc) throw refused("no request to authenticate");
  const inBody = ctx.oidc.params?.client_secret !== undefined;
  if (client.clientAuthMethod === "client_secret_basic" && inBody)
    throw refused("this client sends its secret in the Authorization header (client_secret_basic), not the body");
  if (client.clientAuthMethod === "client_secret_post" && !inBody)
    throw refused(
      "this client sends its secret in the request body (client_secret_post), not the Authorization header",
    );
}

/**
 * Secrets are stored only as hashes, and an app may hold several, each with its own expiry, so
 * oidc-provider's own comparison with `client_secret` (one plain value) cannot be used. This
 * replaces `Client.prototype.compareClientSecret`, which oidc-provider awaits after it found the
 * client and before anything else (9.13.3, lib/shared/client_auth.js). `check` may answer
 * synchronously (a cached record) or with a promise; an expired secret is refused saying so.
 */
export function checkClientSecrets(
  provider: Provider,
  check: (clientId: string, presented: string) => SecretVerdict | Promise<SecretVerdict>,
  onFailure: (error: unknown) => never = (error) => {
    throw error;
  },
) {
  const verdict = (result: SecretVerdict) => {
    if (result === "expired") throw refused("the client secret has expired");
    return result === "ok";
  };
  const Client = provider.Client as unknown as ClientClass;
  Client.prototype.compareClientSecret = function compare(this: ClientInstance, presented: string) {
    checkPlacement(this);
    const result = check(this.clientId, presented);
    return typeof result === "string" ? verdict(result) : result.then(verdict, onFailure);
  };
}
