import { exportJWK, generateKeyPair, SignJWT } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminServer, startWithAdmin } from "../support/admin-server";
import { authorize, CookieBrowser } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import { type JwksServer, startJwksServer } from "../support/jwks-server";
import { authorizationRequest, clientAuth, oauthErrorOf } from "../support/oidc-client";
import { callApi } from "../support/pages-session";
import { runCliAsync, startServer, type TestServer } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const USER = { email: "kim@example.com", password: "correct horse battery" };

type Key = { privateKey: CryptoKey; jwk: Record<string, unknown> };
type App = { id: string; clientId: string; clientSecret: string };

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "ES256" } };
}

/** A client assertion as RFC 7523 has it, signed with `key`: `jti` chosen by the caller. */
function assertion(key: Key, clientId: string, audience: string, jti: string) {
  return new SignJWT({ jti })
    .setProtectedHeader({ alg: "ES256", kid: String(key.jwk.kid) })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime("2m")
    .sign(key.privateKey);
}

/** client_credentials at `server`'s token endpoint, authenticated by a client assertion. */
async function tokenWithAssertion(server: TestServer, clientAssertion: string) {
  const response = await fetch(`${server.issuer}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: clientAssertion,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/**
 * Issue 16: an app may authenticate at the token endpoint with assertions signed by a key it
 * registered (private_key_jwt), inline or at a JWKS URI, driven with openid-client as a service
 * does. Two instances share the database: the first may fetch key sets from private addresses
 * (JWKS_FETCH_ALLOW_PRIVATE=1), the second may not, as by default. Both trust the test's key-set
 * server's self-signed certificate (NODE_EXTRA_CA_CERTS), so the second refuses for the address alone.
 */
describe.each(databaseKinds)("private_key_jwt on %s", (kind) => {
  let started: AdminServer;
  let blocked: TestServer;
  let jwksServer: JwksServer;
  let key: Key;
  let otherKey: Key;
  let job: App;
  let web: App;
  let published: App;

  const api = (method: string, path: string, body?: unknown) =>
    callApi(started.admin, started.server.url, method, `/api/v1${path}`, body);

  async function createApp(body: Record<string, unknown>): Promise<App> {
    const created = await api("POST", "/applications", body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { application, clientSecret } = created.body as { application: App; clientSecret: string };
    return { id: application.id, clientId: application.clientId, clientSecret };
  }

  const configure = (server: TestServer, app: App, auth: oidc.ClientAuth) =>
    oidc.discovery(new URL(server.issuer), app.clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
  const signedBy = (server: TestServer, app: App, signer: Key) =>
    configure(server, app, oidc.PrivateKeyJwt({ key: signer.privateKey, kid: String(signer.jwk.kid) }));

  beforeAll(async () => {
    key = await newKey("app-key-1");
    otherKey = await newKey("app-key-1");
    jwksServer = await startJwksServer({ keys: [key.jwk] });
    const trust = { NODE_EXTRA_CA_CERTS: jwksServer.caFile };
    started = await startWithAdmin(kind, ADMIN, { ...trust, JWKS_FETCH_ALLOW_PRIVATE: "1" });
    blocked = await startServer(started.server.databaseUrl, trust);
    // Not the synchronous cli(): while it blocks this process, the server may close the admin's
    // idle keep-alive connection, and the next API call would reuse a dead one.
    const user = ["users", "create", "--email", USER.email, "--password", USER.password];
    expect((await runCliAsync(started.server.databaseUrl, user)).status).toBe(0);
    const inline = { tokenEndpointAuthMethod: "private_key_jwt", jwks: { keys: [key.jwk] } };
    job = await createApp({ type: "m2m", name: "Nightly job", ...inline });
    web = await createApp({ type: "traditional", name: "Wiki", redirectUris: [REDIRECT], ...inline });
    published = await createApp({
      type: "m2m",
      name: "Published keys",
      tokenEndpointAuthMethod: "private_key_jwt",
      jwksUri: jwksServer.url,
    });
  });

  afterAll(async () => {
    await Promise.all([started?.stop(), blocked?.stop()]);
    await jwksServer?.close();
  });

  it("discovery offers private_key_jwt with asymmetric signing algorithms only", async () => {
    const metadata = (await configure(started.server, job, oidc.None())).serverMetadata();
    expect(metadata.token_endpoint_auth_methods_supported).toEqual([
      "client_secret_basic",
      "client_secret_post",
      "private_key_jwt",
      "none",
    ]);
    expect(metadata.token_endpoint_auth_signing_alg_values_supported).toEqual(["RS256", "PS256", "ES256", "EdDSA"]);
  });

  it("an app with an inline key set gets a token with an assertion signed by its key, and not by another", async () => {
    const tokens = await oidc.clientCredentialsGrant(await signedBy(started.server, job, key));
    expect(tokens.access_token).toBeTruthy();
    // Same kid, different key: the signature does not verify.
    const wrong = await oauthErrorOf(oidc.clientCredentialsGrant(await signedBy(started.server, job, otherKey)));
    expect(wrong).toBe("invalid_client");
  });

  it("an app set to private_key_jwt refuses its own secret, in the header and in the body", async () => {
    expect(job.clientSecret).toBeTruthy();
    for (const method of ["client_secret_basic", "client_secret_post"] as const) {
      const config = await configure(started.server, job, clientAuth(job.clientSecret, method));
      expect(await oauthErrorOf(oidc.clientCredentialsGrant(config)), method).toBe("invalid_client");
    }
  });

  it("a sign-in ends with the code redeemed by an assertion", async () => {
    const config = await signedBy(started.server, web, key);
    const request = await authorizationRequest(config, REDIRECT);
    const callback = await authorize(new CookieBrowser(), request.url, REDIRECT, USER);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: request.verifier });
    expect(tokens.claims()?.sub).toBeTruthy();
  });

  it("an assertion is accepted once: replayed at either instance, or sent to both at once, it is refused", async () => {
    const signed = await assertion(key, job.clientId, started.server.issuer, `once-${kind}-1`);
    expect((await tokenWithAssertion(started.server, signed)).status).toBe(200);
    for (const server of [started.server, blocked]) {
      const replayed = await tokenWithAssertion(server, signed);
      expect(replayed.status).toBe(401);
      expect(replayed.body).toMatchObject({ error: "invalid_client" });
    }
    // The same new assertion sent eight times at once, to both instances: exactly one is taken.
    // (This passed here with oidc-provider's own find-then-save too: the race the atomic claim
    // closes, lib/oidc/replay-claims.ts, did not show up in this many requests.)
    const raced = await assertion(key, job.clientId, started.server.issuer, `once-${kind}-2`);
    const servers = [
      started.server,
      blocked,
      started.server,
      blocked,
      started.server,
      blocked,
      started.server,
      blocked,
    ];
    const answers = await Promise.all(servers.map((server) => tokenWithAssertion(server, raced)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(7);
  });

  it("a key set at an https JWKS URI on 127.0.0.1 works where private addresses are allowed, and only there", async () => {
    const tokens = await oidc.clientCredentialsGrant(await signedBy(started.server, published, key));
    expect(tokens.access_token).toBeTruthy();
    const fetched = jwksServer.requests();
    expect(fetched).toBeGreaterThan(0);

    const refused = await tokenWithAssertion(
      blocked,
      await assertion(key, published.clientId, blocked.issuer, `blocked-${kind}`),
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(401);
    expect(refused.body.error).toBe("invalid_client");
    // The connection was closed before any request was made of the key-set server.
    expect(jwksServer.requests()).toBe(fetched);
  });

  it("refuses bad keys with a 400 naming the field, and changes nothing", async () => {
    const before = (await api("GET", `/applications/${job.id}`)).body as Record<string, unknown>;
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const cases: [Record<string, unknown>, string][] = [
      [{ jwks: { keys: [privateJwk] } }, "jwks.keys.0.d"],
      [{ jwksUri: jwksServer.url }, "jwksUri"],
      [{ jwks: null }, "jwks"],
      [{ jwks: null, jwksUri: "http://keys.example.com/jwks.json" }, "jwksUri"],
    ];
    for (const [body, field] of cases) {
      const answer = await api("PATCH", `/applications/${job.id}`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((answer.body as { errors: object }).errors), JSON.stringify(body)).toContain(field);
    }
    // A new app set to private_key_jwt with no key at all is not created.
    const none = await api("POST", "/applications", {
      type: "m2m",
      name: "Keyless",
      tokenEndpointAuthMethod: "private_key_jwt",
    });
    expect(none.status).toBe(400);
    expect(Object.keys((none.body as { errors: object }).errors)).toEqual(["jwks", "jwksUri"]);
    const list = (await api("GET", "/applications?search=Keyless")).body as { total: number };
    expect(list.total).toBe(0);

    const after = (await api("GET", `/applications/${job.id}`)).body as Record<string, unknown>;
    expect(after).toEqual(before);
    // And the app still authenticates as before.
    expect((await oidc.clientCredentialsGrant(await signedBy(started.server, job, key))).access_token).toBeTruthy();
  });
});
