import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findClientCredentials, prefixClientCredentialsIds, revocationWithoutBody } from "../../lib/oidc/internals";
import { type MemoryProvider, signIn, startMemoryProvider } from "./support/memory-provider";

/**
 * The token-side reaches of lib/oidc/internals against a real oidc-provider in memory: the
 * prefix on client_credentials values, reading a stored token by its value, the request context
 * the adapter reads on grant revocation, and the revocation answer's shape.
 */
const API = "https://api.example.test";
const PREFIX = "batch0";
const REDIRECT = "http://127.0.0.1/callback";
let mp: MemoryProvider;

beforeAll(async () => {
  mp = await startMemoryProvider(
    {
      features: {
        resourceIndicators: {
          enabled: true,
          defaultResource: async (_ctx, _client, oneOf) => oneOf,
          useGrantedResource: async () => false,
          getResourceServerInfo: async () => ({ audience: API, scope: "management", accessTokenFormat: "opaque" }),
        },
      },
      extraTokenClaims: async (_ctx, token) => (token.kind === "ClientCredentials" ? { app_row: "row-7" } : undefined),
    },
    (provider, clients) => {
      clients.set("m2m", {
        client_id: "m2m",
        client_secret: "m2m-secret",
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
      });
      clients.set("web", {
        client_id: "web",
        client_secret: "web-secret",
        grant_types: ["authorization_code", "refresh_token"],
        redirect_uris: [REDIRECT],
      });
      prefixClientCredentialsIds(provider, (random) => `${PREFIX}${random}`);
      provider.use(revocationWithoutBody("/token/revocation"));
    },
  );
});
afterAll(() => mp?.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

function post(path: string, form: Record<string, string>, authorization: string) {
  return fetch(`${mp.url}/oidc${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization },
    body: new URLSearchParams(form),
  });
}

async function machineToken() {
  const response = await post(
    "/token",
    { grant_type: "client_credentials", resource: API, scope: "management" },
    basic("m2m", "m2m-secret"),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("client_credentials token values (ClientCredentials.prototype.generateTokenId)", () => {
  it("start with the batch prefix, and oidc-provider still finds the token by that value", async () => {
    const value = await machineToken();
    expect(value.startsWith(PREFIX)).toBe(true);
    expect(value.length).toBeGreaterThan(PREFIX.length + 20);
    const introspected = await post("/token/introspection", { token: value }, basic("m2m", "m2m-secret"));
    expect(await introspected.json()).toMatchObject({ active: true, client_id: "m2m" });
  });
});

describe("reading a client_credentials token by its value (ClientCredentials.find)", () => {
  it("gives its client, audience, scope, issue time and extra claims", async () => {
    const value = await machineToken();
    const found = await findClientCredentials(mp.provider, value);
    expect(found).toMatchObject({ clientId: "m2m", expired: false, audience: [API], scope: "management" });
    expect(found?.extra).toEqual({ app_row: "row-7" });
    expect(Math.abs((found?.issuedAt ?? 0) - Date.now() / 1000)).toBeLessThan(120);
  });

  it("gives nothing for a value it never issued", async () => {
    expect(
      await findClientCredentials(mp.provider, `${PREFIX}not-a-token-at-all-xxxxxxxxxxxxxxxxxxxxx`),
    ).toBeUndefined();
    expect(await findClientCredentials(mp.provider, "")).toBeUndefined();
  });
});

async function codeTokens() {
  const { code, verifier } = await signIn(mp, "web", REDIRECT);
  const form = { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier };
  const first = await post("/token", form, basic("web", "web-secret"));
  expect(first.status).toBe(200);
  return { form, tokens: (await first.json()) as { access_token: string } };
}

describe("the route a grant is revoked on (Provider.ctx)", () => {
  it("is 'token' exactly when a used code comes back, which the adapter treats as reuse", async () => {
    mp.grantRevocations.length = 0;
    const { form } = await codeTokens();
    expect(mp.grantRevocations).toEqual([]);
    const again = await post("/token", form, basic("web", "web-secret"));
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
    expect(mp.grantRevocations.length).toBeGreaterThan(0);
    expect(mp.grantRevocations.every((call) => call.route === "token")).toBe(true);
    expect(mp.grantRevocations.map((call) => call.model)).toContain("AccessToken");
  });

  it("is 'revocation' when an app revokes its access token", async () => {
    const { tokens } = await codeTokens();
    mp.grantRevocations.length = 0;
    await post("/token/revocation", { token: tokens.access_token }, basic("web", "web-secret"));
    expect(mp.grantRevocations.map((call) => call.route)).toContain("revocation");
    expect(mp.grantRevocations.some((call) => call.route === "token")).toBe(false);
  });
});

describe("the revocation answer", () => {
  it("is 200 with no body and no Content-Type, for a revoked token and for an unknown one", async () => {
    for (const token of [await machineToken(), "never-issued"]) {
      const response = await post("/token/revocation", { token }, basic("m2m", "m2m-secret"));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBeNull();
      expect(await response.text()).toBe("");
    }
  });

  it("still carries JSON errors", async () => {
    const response = await post("/token/revocation", { token: "x" }, basic("m2m", "wrong"));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });
});
