import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminServer, startWithAdmin } from "../support/admin-server";
import { authorize, CookieBrowser } from "../support/browserless";
import { databaseKinds, postgresDatabase } from "../support/databases";
import { dpopProof } from "../support/dpop";
import { authorizationRequest, clientAuth } from "../support/oidc-client";
import { callApi } from "../support/pages-session";
import { startServer, type TestServer } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const USER = { email: "kim@example.com", password: "correct horse battery" };

type App = { clientId: string; clientSecret: string };

async function createApp(started: AdminServer, body: Record<string, unknown>): Promise<App> {
  const created = await callApi(started.admin, started.server.url, "POST", "/api/v1/applications", body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { application, clientSecret } = created.body as { application: { clientId: string }; clientSecret: string };
  return { clientId: application.clientId, clientSecret };
}

const configure = (issuer: string, app: App) =>
  oidc.discovery(new URL(issuer), app.clientId, undefined, clientAuth(app.clientSecret), {
    execute: [oidc.allowInsecureRequests],
  });

/**
 * Issue 16: DPoP (RFC 9449) and pushed authorization requests (RFC 9126) are on because they
 * work, driven end to end with openid-client as a relying party uses them.
 */
describe.each(databaseKinds)("DPoP and PAR on %s", (kind) => {
  let started: AdminServer;
  let web: App;
  let parOnly: App;

  beforeAll(async () => {
    started = await startWithAdmin(kind, ADMIN);
    expect(
      (await started.server.cli("users", "create", "--email", USER.email, "--password", USER.password)).status,
    ).toBe(0);
    web = await createApp(started, { type: "traditional", name: "Wiki", redirectUris: [REDIRECT] });
    parOnly = await createApp(started, {
      type: "traditional",
      name: "Bank",
      redirectUris: [REDIRECT],
      requirePar: true,
    });
  });

  afterAll(() => started?.stop());

  it("discovery advertises DPoP and the PAR endpoint", async () => {
    const metadata = (await configure(started.server.issuer, web)).serverMetadata();
    expect(metadata.dpop_signing_alg_values_supported).toEqual(expect.arrayContaining(["ES256"]));
    expect(metadata.pushed_authorization_request_endpoint).toBe(`${started.server.issuer}/request`);
  });

  it("a DPoP-bound access token is refused at userinfo without its proof and accepted with it", async () => {
    const config = await configure(started.server.issuer, web);
    const DPoP = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair());
    const request = await authorizationRequest(config, REDIRECT);
    const callback = await authorize(new CookieBrowser(), request.url, REDIRECT, USER);
    const tokens = await oidc.authorizationCodeGrant(
      config,
      new URL(callback),
      { pkceCodeVerifier: request.verifier, expectedState: oidc.skipStateCheck },
      undefined,
      { DPoP },
    );
    expect(tokens.token_type).toBe("dpop");
    const sub = tokens.claims()?.sub as string;

    const userinfo = config.serverMetadata().userinfo_endpoint as string;
    // As a bearer token (what a thief holding only the token would send), and as DPoP without a proof.
    const asBearer = await fetch(userinfo, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(asBearer.status).toBe(401);
    expect(asBearer.headers.get("www-authenticate")).toMatch(/invalid_token/);
    const noProof = await fetch(userinfo, { headers: { authorization: `DPoP ${tokens.access_token}` } });
    expect(noProof.status).toBe(400);
    expect((await noProof.json()).error).toBe("invalid_request");
    // A proof made with another key does not hold the token either.
    const stranger = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair());
    await expect(oidc.fetchUserInfo(config, tokens.access_token, sub, { DPoP: stranger })).rejects.toThrow();

    const claims = await oidc.fetchUserInfo(config, tokens.access_token, sub, { DPoP });
    expect(claims).toMatchObject({ sub, email: USER.email });
  });

  it("a pushed authorization request is used at the authorization endpoint and signs the user in", async () => {
    for (const app of [web, parOnly]) {
      const config = await configure(started.server.issuer, app);
      const verifier = oidc.randomPKCECodeVerifier();
      const url = await oidc.buildAuthorizationUrlWithPAR(config, {
        redirect_uri: REDIRECT,
        scope: "openid email",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
      });
      // Only the client and the reference travel through the browser.
      expect([...url.searchParams.keys()].sort()).toEqual(["client_id", "request_uri"]);
      expect(url.searchParams.get("request_uri")).toMatch(/^urn:ietf:params:oauth:request_uri:/);
      const callback = await authorize(new CookieBrowser(), url.href, REDIRECT, USER);
      const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
        pkceCodeVerifier: verifier,
        expectedState: oidc.skipStateCheck,
      });
      expect(tokens.claims()?.email).toBe(USER.email);
    }
  });

  it("an app set to require PAR refuses a plain authorization request; others accept it", async () => {
    const plain = async (app: App) => {
      const request = await authorizationRequest(await configure(started.server.issuer, app), REDIRECT);
      return new CookieBrowser().follow(request.url, REDIRECT);
    };
    const refused = await plain(parOnly);
    const error = refused.response
      ? await refused.response.text()
      : new URL(refused.url).searchParams.get("error_description");
    expect(error).toContain("Pushed Authorization Request must be used");

    const accepted = await plain(web);
    expect(accepted.url).toMatch(/\/interaction\//);
  });
});

/** Two instances on one database, as behind a load balancer: a DPoP nonce from one works at the other. */
describe("DPoP nonces across instances", () => {
  let first: TestServer;
  let second: TestServer;
  let job: App;

  beforeAll(async () => {
    const databaseUrl = await postgresDatabase();
    first = await startServer(databaseUrl);
    second = await startServer(databaseUrl);
    const created = await first.cli("apps", "create", "--type", "m2m", "--name", "Nightly job", "--json");
    expect(created.status, created.stderr).toBe(0);
    job = JSON.parse(created.stdout) as App;
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  /** A client_credentials request to `server`'s token endpoint with a DPoP proof. */
  async function tokenRequest(server: TestServer, proof: string) {
    const basic = Buffer.from(`${job.clientId}:${job.clientSecret}`).toString("base64");
    const response = await fetch(`${server.issuer}/token`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded", dpop: proof },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    return { status: response.status, nonce: response.headers.get("dpop-nonce"), body: await response.json() };
  }

  it("asks for a nonce, and accepts at the second instance the nonce the first one gave", async () => {
    const key = await dpopProof.key();
    const withoutNonce = await tokenRequest(first, await dpopProof.sign(key, "POST", `${first.issuer}/token`));
    expect(withoutNonce.status).toBe(400);
    expect(withoutNonce.body.error).toBe("use_dpop_nonce");
    expect(withoutNonce.nonce).toBeTruthy();

    // A nonce no instance made is refused with a fresh one, so the check is real.
    const forged = await tokenRequest(second, await dpopProof.sign(key, "POST", `${second.issuer}/token`, "forged"));
    expect(forged.body.error).toBe("use_dpop_nonce");

    const proof = await dpopProof.sign(key, "POST", `${second.issuer}/token`, withoutNonce.nonce as string);
    const accepted = await tokenRequest(second, proof);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.token_type).toBe("DPoP");

    // The same proof again is not a second token (its jti is remembered in the shared database).
    const replayed = await tokenRequest(second, proof);
    expect(replayed.status).toBe(400);
    // (Its description is oidc-provider's generic one; the proof is the only thing that changed.)
    expect(replayed.body.error).toBe("invalid_grant");
  });
});
