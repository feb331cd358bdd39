import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminServer, startWithAdmin } from "../support/admin-server";
import { authorize, CookieBrowser } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { callApi } from "../support/pages-session";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const USER = { email: "ida@example.com", password: "correct horse battery" };

type Created = { application: { id: string; clientId: string }; clientSecret?: string };

/**
 * PKCE per RFC 9700 §2.1.1, driven with openid-client as real services drive it: a confidential
 * app may protect an OpenID sign-in with a nonce instead of PKCE (as Apache's mod_auth_openidc
 * does), a public one never; the app's PKCE policy can take the nonce's place away ("required") or accept
 * a service that sends neither ("not_required", Outline); and neither
 * side of PKCE can be dropped between the authorization and the token request.
 */
describe.each(databaseKinds)("the PKCE policy on %s", (kind) => {
  let fixture: AdminServer;
  beforeAll(async () => {
    fixture = await startWithAdmin(kind, ADMIN);
    expect(
      (await fixture.server.cli("users", "create", "--email", USER.email, "--password", USER.password)).status,
    ).toBe(0);
  });
  afterAll(() => fixture?.stop());

  const api = (method: string, path: string, body?: unknown) =>
    callApi(fixture.admin, fixture.server.url, method, `/api/v1${path}`, body);

  async function create(body: Record<string, unknown>): Promise<Created & { config: oidc.Configuration }> {
    const created = await api("POST", "/applications", { redirectUris: [REDIRECT], ...body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { application, clientSecret } = created.body as Created;
    return {
      application,
      clientSecret,
      config: await discoverClient(fixture.server.issuer, application.clientId, clientSecret),
    };
  }

  /** An authorization request with a nonce and a state, and no PKCE (what mod_auth_openidc sends). */
  function nonceOnly(config: oidc.Configuration, params: Record<string, string> = {}) {
    const nonce = oidc.randomNonce();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: "openid email",
      nonce,
      state,
      ...params,
    });
    return { url: url.href, nonce, state };
  }

  /** Where the browser lands back at the app, signed in as the user when the request gets that far. */
  const signIn = (url: string) => authorize(new CookieBrowser(), url, REDIRECT, USER);

  function refusal(callback: string) {
    const params = new URL(callback).searchParams;
    return { error: params.get("error"), description: params.get("error_description"), code: params.get("code") };
  }

  const pkceRefused = {
    error: "invalid_request",
    description: "Authorization Server policy requires PKCE to be used for this request",
    code: null,
  };

  it("signs a confidential app in with only a nonce, and checks the nonce in the ID token", async () => {
    const { config } = await create({ type: "third-party", name: "Intranet" });
    const request = nonceOnly(config);
    const callback = await signIn(request.url);
    expect(refusal(callback).code).toBeTruthy();
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      expectedNonce: request.nonce,
      expectedState: request.state,
    });
    expect(tokens.claims()?.email).toBe(USER.email);
    expect(tokens.claims()?.nonce).toBe(request.nonce);
  });

  it("refuses a confidential app that sends neither PKCE nor a nonce, and a non-OpenID request without PKCE", async () => {
    const { config } = await create({ type: "traditional", name: "Legacy" });
    const bare = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid email", state: "s1" });
    expect(refusal(await signIn(bare.href))).toEqual(pkceRefused);
    // A plain OAuth request (no openid) has no ID token to carry a nonce: PKCE it is. (A nonce
    // there is refused anyway: oidc-provider takes a nonce only with openid.)
    const notOpenId = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "email", state: "s2" });
    expect(refusal(await signIn(notOpenId.href))).toEqual(pkceRefused);
  });

  it("refuses a public app without PKCE, nonce or not", async () => {
    const { config } = await create({ type: "spa", name: "Dashboard" });
    expect(refusal(await signIn(nonceOnly(config).url))).toEqual(pkceRefused);
    // With PKCE it signs in.
    const { url, verifier } = await authorizationRequest(config, REDIRECT);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(await signIn(url)), {
      pkceCodeVerifier: verifier,
    });
    expect(tokens.claims()?.email).toBe(USER.email);
  });

  it("refuses a nonce alone once the app always requires PKCE", async () => {
    const { application, config } = await create({ type: "third-party", name: "Strict" });
    const changed = await api("PATCH", `/applications/${application.id}`, { pkcePolicy: "required" });
    expect(changed.status).toBe(200);
    expect(changed.body.pkcePolicy).toBe("required");
    expect(refusal(await signIn(nonceOnly(config).url))).toEqual(pkceRefused);
    const { url, verifier } = await authorizationRequest(config, REDIRECT, { nonce: "n-strict-1" });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(await signIn(url)), {
      pkceCodeVerifier: verifier,
      expectedNonce: "n-strict-1",
    });
    expect(tokens.claims()?.email).toBe(USER.email);
  });

  it("signs in a service that sends only a state once its app accepts that, and still checks a challenge it sends", async () => {
    // What Outline's OpenID Connect plugin sends: a state, no nonce, no PKCE, its secret in the body.
    const { application, clientSecret } = await create({
      type: "third-party",
      name: "Outline",
      tokenEndpointAuthMethod: "client_secret_post",
      pkcePolicy: "not_required",
    });
    const config = await discoverClient(
      fixture.server.issuer,
      application.clientId,
      clientSecret,
      "client_secret_post",
    );
    const state = oidc.randomState();
    const bare = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid email", state });
    const callback = await signIn(bare.href);
    expect(refusal(callback).code).toBeTruthy();
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { expectedState: state });
    expect(tokens.claims()?.email).toBe(USER.email);

    // A challenge sent anyway must still be met with its verifier.
    const withChallenge = await authorizationRequest(config, REDIRECT, { nonce: "n-lenient-1" });
    await expect(
      oidc.authorizationCodeGrant(config, new URL(await signIn(withChallenge.url)), { expectedNonce: "n-lenient-1" }),
    ).rejects.toMatchObject({ error: "invalid_grant" });

    // Back to the default: the same bare request is refused again.
    expect((await api("PATCH", `/applications/${application.id}`, { pkcePolicy: "pkce_or_nonce" })).status).toBe(200);
    expect(refusal(await signIn(bare.href))).toEqual(pkceRefused);
  });

  it("refuses a PKCE policy on a public app, and an unknown one, naming the field", async () => {
    const spa = await api("POST", "/applications", { type: "spa", name: "Board", pkcePolicy: "not_required" });
    expect(spa.status).toBe(400);
    expect(JSON.stringify(spa.body)).toContain("pkcePolicy");
    const web = await api("POST", "/applications", { type: "traditional", name: "Odd", pkcePolicy: "sometimes" });
    expect(web.status).toBe(400);
    expect(JSON.stringify(web.body)).toContain("pkcePolicy");
  });

  it("refuses to drop PKCE between the authorization and the token request, either way", async () => {
    const { config } = await create({ type: "traditional", name: "Downgrade" });

    // A challenge at the authorization endpoint needs its verifier at the token endpoint.
    const withChallenge = await authorizationRequest(config, REDIRECT, { nonce: "n-down-1" });
    const first = await signIn(withChallenge.url);
    await expect(
      oidc.authorizationCodeGrant(config, new URL(first), { expectedNonce: "n-down-1" }),
    ).rejects.toMatchObject({ error: "invalid_grant" });

    // A verifier at the token endpoint for a code issued without a challenge is refused too.
    const withoutChallenge = nonceOnly(config);
    const second = await signIn(withoutChallenge.url);
    await expect(
      oidc.authorizationCodeGrant(config, new URL(second), {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedNonce: withoutChallenge.nonce,
        expectedState: withoutChallenge.state,
      }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("accepts only S256 challenges", async () => {
    const { config } = await create({ type: "traditional", name: "Plain" });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: "openid",
      nonce: "n-plain",
      code_challenge: oidc.randomPKCECodeVerifier(),
      code_challenge_method: "plain",
    });
    expect(refusal(await signIn(url.href))).toMatchObject({ error: "invalid_request", code: null });
  });
});
