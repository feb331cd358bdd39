import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminServer, startWithAdmin } from "../support/admin-server";
import { authorize, CookieBrowser } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import { authorizationRequest, clientAuth, oauthErrorOf, type SecretMethod } from "../support/oidc-client";
import { callApi } from "../support/pages-session";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const USER = { email: "kim@example.com", password: "correct horse battery" };

type App = { clientId: string; clientSecret?: string };

/**
 * Issue 16: an app's "token endpoint authentication" setting is a promise about where its
 * secret travels, and Latchkey keeps it: client_secret_basic refuses the secret in the body,
 * client_secret_post refuses it in the Authorization header, public apps use none. Driven with
 * openid-client, told each way explicitly, as a service configured one way or the other is.
 */
describe.each(databaseKinds)("token endpoint auth methods on %s", (kind) => {
  let started: AdminServer;
  const apps: Record<"basicJob" | "postJob" | "basicWeb" | "postWeb" | "spa", App> = {} as never;

  async function createApp(body: Record<string, unknown>, method?: SecretMethod): Promise<App> {
    const { server, admin } = started;
    const created = await callApi(admin, server.url, "POST", "/api/v1/applications", body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { application, clientSecret } = created.body as { application: { id: string; clientId: string } } & App;
    if (method) {
      const patched = await callApi(admin, server.url, "PATCH", `/api/v1/applications/${application.id}`, {
        tokenEndpointAuthMethod: method,
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    }
    return { clientId: application.clientId, clientSecret };
  }

  beforeAll(async () => {
    started = await startWithAdmin(kind, ADMIN);
    const { server } = started;
    expect((await server.cli("users", "create", "--email", USER.email, "--password", USER.password)).status).toBe(0);
    apps.basicJob = await createApp({ type: "m2m", name: "Basic job" });
    apps.postJob = await createApp({ type: "m2m", name: "Post job" }, "client_secret_post");
    apps.basicWeb = await createApp({ type: "traditional", name: "Basic web", redirectUris: [REDIRECT] });
    apps.postWeb = await createApp(
      { type: "traditional", name: "Post web", redirectUris: [REDIRECT] },
      "client_secret_post",
    );
    apps.spa = await createApp({ type: "spa", name: "Single page", redirectUris: [REDIRECT] });
  });

  afterAll(() => started?.stop());

  const configure = (app: App, auth: oidc.ClientAuth) =>
    oidc.discovery(new URL(started.server.issuer), app.clientId, undefined, auth, {
      execute: [oidc.allowInsecureRequests],
    });
  const asBasic = (app: App) => configure(app, clientAuth(app.clientSecret, "client_secret_basic"));
  const asPost = (app: App) => configure(app, clientAuth(app.clientSecret, "client_secret_post"));

  it("discovery offers basic, post, private_key_jwt and none, and no HMAC-signed assertions", async () => {
    const metadata = (await asBasic(apps.basicJob)).serverMetadata();
    expect(metadata.token_endpoint_auth_methods_supported).toEqual([
      "client_secret_basic",
      "client_secret_post",
      "private_key_jwt",
      "none",
    ]);
    // Secrets are stored as hashes: nothing can check an assertion signed with one.
    expect(metadata.token_endpoint_auth_signing_alg_values_supported).not.toContain("HS256");
    expect(JSON.stringify(metadata)).not.toMatch(/client_secret_jwt/);
  });

  it("client_secret_basic: the header gets a token, the same secret in the body gets invalid_client", async () => {
    const tokens = await oidc.clientCredentialsGrant(await asBasic(apps.basicJob));
    expect(tokens.access_token).toBeTruthy();
    expect(await oauthErrorOf(oidc.clientCredentialsGrant(await asPost(apps.basicJob)))).toBe("invalid_client");
  });

  it("client_secret_post: the body gets a token, the same secret in the header gets invalid_client", async () => {
    const tokens = await oidc.clientCredentialsGrant(await asPost(apps.postJob));
    expect(tokens.access_token).toBeTruthy();
    expect(await oauthErrorOf(oidc.clientCredentialsGrant(await asBasic(apps.postJob)))).toBe("invalid_client");
  });

  /** Signs the user in to a web app and redeems the code as `config` authenticates. */
  async function redeem(config: oidc.Configuration) {
    const request = await authorizationRequest(config, REDIRECT);
    const callback = await authorize(new CookieBrowser(), request.url, REDIRECT, USER);
    return oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: request.verifier });
  }

  it("holds at the end of a sign-in too: the code is redeemed only the app's way", async () => {
    expect((await redeem(await asBasic(apps.basicWeb))).id_token).toBeTruthy();
    expect((await redeem(await asPost(apps.postWeb))).id_token).toBeTruthy();
    expect(await oauthErrorOf(redeem(await asPost(apps.basicWeb)))).toBe("invalid_client");
    expect(await oauthErrorOf(redeem(await asBasic(apps.postWeb)))).toBe("invalid_client");
  });

  it("none: a public app redeems its code with its client ID alone", async () => {
    expect(apps.spa.clientSecret).toBeUndefined();
    const tokens = await redeem(await configure(apps.spa, oidc.None()));
    expect(tokens.access_token).toBeTruthy();
  });

  it("revocation answers 200 with no body and no Content-Type, which openid-client accepts", async () => {
    const config = await asBasic(apps.basicJob);
    const { access_token } = await oidc.clientCredentialsGrant(config);
    await expect(oidc.tokenRevocation(config, access_token)).resolves.toBeUndefined();

    // What strict clients check (oidc-client-ts refuses a Content-Type it cannot parse as JSON).
    const another = (await oidc.clientCredentialsGrant(config)).access_token;
    const secret = Buffer.from(`${apps.basicJob.clientId}:${apps.basicJob.clientSecret}`).toString("base64");
    const response = await fetch(config.serverMetadata().revocation_endpoint!, {
      method: "POST",
      headers: { authorization: `Basic ${secret}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: another }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBeNull();
    expect(await response.text()).toBe("");
    // And the token is really gone.
    const introspected = await oidc.tokenIntrospection(config, another);
    expect(introspected.active).toBe(false);
  });
});
