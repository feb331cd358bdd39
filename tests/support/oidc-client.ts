import * as oidc from "openid-client";

export type SecretMethod = "client_secret_basic" | "client_secret_post";

/**
 * How openid-client authenticates an app: with its secret where the app's token endpoint auth
 * method says (Latchkey enforces it; client_secret_basic is the default an app is created with,
 * while openid-client on its own would send the secret in the body), or with none for a public app.
 */
export function clientAuth(clientSecret: string | undefined, method: SecretMethod = "client_secret_basic") {
  if (!clientSecret) return oidc.None();
  return method === "client_secret_basic" ? oidc.ClientSecretBasic(clientSecret) : oidc.ClientSecretPost(clientSecret);
}

/** openid-client configured from the discovery document, as an app is (plain http on loopback allowed). */
export function discoverClient(
  issuer: string,
  clientId: string,
  clientSecret?: string,
  method: SecretMethod = "client_secret_basic",
) {
  return oidc.discovery(new URL(issuer), clientId, clientSecret, clientAuth(clientSecret, method), {
    execute: [oidc.allowInsecureRequests],
  });
}

/** An authorization request as a real app builds it: PKCE S256, `openid email` unless `params` say otherwise. */
export async function authorizationRequest(
  config: oidc.Configuration,
  redirectUri: string,
  params: Record<string, string> = {},
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    ...params,
  });
  return { url: url.href, verifier };
}

/**
 * The OAuth error a rejected openid-client call carried ("the request succeeded" if it was not
 * rejected). openid-client reports a 401 to a request that sent an Authorization header as a
 * WWW-Authenticate challenge, with the error among its parameters; other refusals carry it as
 * the response body's `error`.
 */
export async function oauthErrorOf(request: Promise<unknown>): Promise<string | undefined> {
  const error = await request.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!error) return "the request succeeded";
  const { cause, error: code } = error as { cause?: { parameters?: { error?: string } }[]; error?: string };
  return Array.isArray(cause) ? cause[0]?.parameters?.error : code;
}
