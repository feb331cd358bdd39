import { createHmac } from "node:crypto";
import type { Env } from "../env";
import { type ClientRecord, hashSecret } from "../oidc/client-store";
import { CONSOLE_PROVIDER_ID } from "./client-id";

/**
 * The console signs admins in as a first-party OpenID client of this very provider (as Logto's
 * console does), so there is one sign-in page and one session model. It is built in: not a row
 * of the Application table, never listed, never deletable.
 */
export const CONSOLE_CLIENT_ID = "latchkey-console";
export { CONSOLE_PROVIDER_ID } from "./client-id";

export type ConsoleAuth = {
  clientId: string;
  /** The console's client secret: derived from the stored cookie key, so every instance agrees. */
  clientSecret: string;
  /** Encrypts next-auth's session cookie. */
  sessionSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
};

export function consoleAuth(env: Env, cookieKey: string): ConsoleAuth {
  const derive = (purpose: string) => createHmac("sha256", cookieKey).update(purpose).digest("base64url");
  return {
    clientId: CONSOLE_CLIENT_ID,
    clientSecret: derive("latchkey console client secret"),
    sessionSecret: derive("latchkey console session"),
    redirectUri: `${env.APP_URL}/api/auth/callback/${CONSOLE_PROVIDER_ID}`,
    postLogoutRedirectUri: `${env.APP_URL}/sign-in?signed_out=1`,
  };
}

export function consoleClientRecord(auth: ConsoleAuth): ClientRecord {
  return {
    applicationId: CONSOLE_CLIENT_ID,
    name: "Latchkey Console",
    type: "traditional",
    corsOrigins: new Set(),
    secrets: [{ id: CONSOLE_CLIENT_ID, hash: hashSecret(auth.clientSecret), expiresAt: null }],
    metadata: {
      client_id: auth.clientId,
      client_name: "Latchkey Console",
      client_secret: "stored-as-hash",
      token_endpoint_auth_method: "client_secret_basic",
      application_type: "web",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: [auth.redirectUri],
      post_logout_redirect_uris: [auth.postLogoutRedirectUri],
    },
  };
}
