import { createHmac } from "node:crypto";
import type { Env } from "../env";
import { type ClientRecord, defaultTokenSettings, hashSecret } from "../oidc/client-store";
import { ACCOUNT_CLIENT_ID, ACCOUNT_PROVIDER_ID, CONSOLE_CLIENT_ID, CONSOLE_PROVIDER_ID } from "./client-id";

export { ACCOUNT_PROVIDER_ID, CONSOLE_PROVIDER_ID } from "./client-id";

/**
 * Latchkey's own pages sign people in as first-party OpenID clients of this very provider (as
 * Logto's console does), so there is one sign-in page and one session model: the admin console,
 * and the end users' account page. They are built in: not rows of the Application table, never
 * listed, never deletable.
 */
export type BuiltInClient = {
  /** next-auth's provider id. */
  providerId: string;
  clientId: string;
  name: string;
  /** Derived from the stored cookie key, so every instance agrees and nothing is stored. */
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
};

export type ConsoleAuth = {
  console: BuiltInClient;
  account: BuiltInClient;
  /** Encrypts next-auth's session cookie. */
  sessionSecret: string;
};

export function consoleAuth(env: Env, cookieKey: string): ConsoleAuth {
  const derive = (purpose: string) => createHmac("sha256", cookieKey).update(purpose).digest("base64url");
  const client = (providerId: string, clientId: string, name: string, postLogoutPath: string): BuiltInClient => ({
    providerId,
    clientId,
    name,
    clientSecret: derive(`${clientId} client secret`),
    redirectUri: `${env.APP_URL}/api/auth/callback/${providerId}`,
    postLogoutRedirectUri: `${env.APP_URL}${postLogoutPath}`,
  });
  return {
    console: client(CONSOLE_PROVIDER_ID, CONSOLE_CLIENT_ID, "Latchkey Console", "/sign-in?signed_out=1"),
    account: client(ACCOUNT_PROVIDER_ID, ACCOUNT_CLIENT_ID, "Your Latchkey account", "/account?signed_out=1"),
    sessionSecret: derive("latchkey console session"),
  };
}

export function builtInClientRecord(client: BuiltInClient): ClientRecord {
  return {
    applicationId: client.clientId,
    name: client.name,
    type: "traditional",
    corsOrigins: new Set(),
    allowedScopes: [],
    createdAt: 0,
    branding: { displayName: "", logoUrl: "", logoDarkUrl: "", termsUrl: "", privacyUrl: "" },
    tokens: defaultTokenSettings,
    secrets: [{ id: client.clientId, hash: hashSecret(client.clientSecret), expiresAt: null }],
    metadata: {
      client_id: client.clientId,
      client_name: client.name,
      client_secret: "stored-as-hash",
      token_endpoint_auth_method: "client_secret_basic",
      application_type: "web",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: [client.redirectUri],
      post_logout_redirect_uris: [client.postLogoutRedirectUri],
    },
  };
}
