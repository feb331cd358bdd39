import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../lib/db/client";
import { authorize, CookieBrowser } from "../support/browserless";
import { cliInProcess } from "../support/cli";
import { databaseKinds, databases, postgresDatabase } from "../support/databases";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { callApi, signInToPages } from "../support/pages-session";
import { type CliResult, startServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";

const REDIRECT = "http://127.0.0.1:9/callback";
const USER = { email: "ada@example.com", password: "correct horse battery" };
const ADMIN = { email: "root@example.com", password: "admin passphrase" };
const PRIVATE_FIELDS = ["d", "p", "q", "dp", "dq", "qi"];

type App = { clientId: string; clientSecret: string };
type ListedKey = {
  kid: string;
  alg: string;
  status: string;
  createdAt: string;
  activatesAt?: string;
  retiresAt?: string;
};

/**
 * How long a rotated-in key waits. Far longer than any test runs, so "not signing yet" holds
 * however slow the machine is; the tests then bring the moment forward in the database
 * (activateNow), as the clock would, and the servers act on the stored time alone.
 */
const ACTIVATION = 3600;

/** Moves a waiting key's activation to now, as if KEY_ACTIVATION_SECONDS had passed; returns the new time. */
async function activateNow(databaseUrl: string, kid: string): Promise<number> {
  const database = await connect(databaseUrl);
  try {
    const activatesAt = new Date();
    await database.prisma.keyMaterial.update({ where: { id: kid }, data: { activatesAt } });
    return activatesAt.getTime();
  } finally {
    await database.prisma.$disconnect();
  }
}

const jwksOf = async (server: TestServer) =>
  ((await (await fetch(`${server.issuer}/jwks`)).json()) as { keys: Record<string, string>[] }).keys;

/** A user signs in to `app` through `server`'s pages; returns the ID token the app receives. */
async function idToken(server: TestServer, app: App): Promise<string> {
  const config = await discoverClient(server.issuer, app.clientId, app.clientSecret);
  const { url, verifier } = await authorizationRequest(config, REDIRECT);
  const callback = await authorize(new CookieBrowser(), url, REDIRECT, USER);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier });
  return tokens.id_token!;
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

// In process: a spawned CLI would block this process for a second or more, and the server closes
// the idle keep-alive connection the next fetch would have reused.
type Cli = (...args: string[]) => Promise<CliResult>;
const cliFor =
  (server: TestServer): Cli =>
  (...args) =>
    cliInProcess(server.databaseUrl, args, { APP_URL: server.url, KEY_ACTIVATION_SECONDS: String(ACTIVATION) });

/** A user to sign in and an app to sign in to. */
async function setUp(cli: Cli): Promise<App> {
  expect((await cli("users", "create", "--email", USER.email, "--password", USER.password)).status).toBe(0);
  const created = await cli(
    "apps",
    "create",
    "--name",
    "Portal",
    "--type",
    "traditional",
    "--redirect-uri",
    REDIRECT,
    "--json",
  );
  expect(created.status, created.stderr).toBe(0);
  return JSON.parse(created.stdout);
}

describe.each(databaseKinds)("keys rotate on %s", (kind) => {
  let server: TestServer;
  let cleanup: () => void;
  let app: App;
  const cli: Cli = (...args) => cliFor(server)(...args);
  const listKeys = async (): Promise<ListedKey[]> => JSON.parse((await cli("keys", "list", "--json")).stdout);

  beforeAll(async () => {
    const db = await databases[kind]();
    cleanup = db.cleanup;
    server = await startServer(db.url, { KEY_ACTIVATION_SECONDS: String(ACTIVATION) });
    app = await setUp(cli);
  });

  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  it("publishes the new key first, then signs with it, and old tokens still verify", async () => {
    const before = await listKeys();
    const oldKid = before.find((key) => key.alg === "RS256" && key.status === "current")?.kid;
    expect(oldKid).toBeTruthy();
    const oldToken = await idToken(server, app);
    expect(kidOf(oldToken)).toBe(oldKid);
    // A relying party fetched the JWKS before the rotation (the server keeps that answer in memory).
    expect((await jwksOf(server)).map((key) => key.kid)).toContain(oldKid);

    const rotated = await cli("keys", "rotate", "--json");
    expect(rotated.status, rotated.stderr).toBe(0);
    const next = JSON.parse(rotated.stdout) as ListedKey;
    expect(next).toMatchObject({ alg: "RS256", status: "next" });
    expect(Object.keys(next).sort()).toEqual(["activatesAt", "alg", "createdAt", "kid", "status"]);
    expect(Date.parse(next.activatesAt!) - Date.parse(next.createdAt)).toBe(ACTIVATION * 1000);

    // Published within a poll interval, long before it signs.
    await waitFor("the new key in the JWKS", async () =>
      (await jwksOf(server)).some((key) => key.kid === next.kid) ? true : undefined,
    );
    expect(kidOf(await idToken(server, app))).toBe(oldKid);

    // A second rotation of the same algorithm waits for this one.
    const again = await cli("keys", "rotate", "--alg", "RS256");
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already waiting/);

    const activatesAt = await activateNow(server.databaseUrl, next.kid);
    const fresh = await waitFor("an ID token signed with the activated key", async () => {
      const token = await idToken(server, app);
      return kidOf(token) === next.kid ? token : undefined;
    });
    expect(decodeJwt(fresh).iat).toBeGreaterThanOrEqual(Math.floor(activatesAt / 1000));

    // A relying party that fetches the JWKS now verifies both the old token and the new one.
    const jwks = createRemoteJWKSet(new URL(`${server.issuer}/jwks`));
    const options = { issuer: server.issuer, audience: app.clientId };
    await expect(jwtVerify(oldToken, jwks, options)).resolves.toMatchObject({ protectedHeader: { kid: oldKid } });
    await expect(jwtVerify(fresh, jwks, options)).resolves.toMatchObject({ protectedHeader: { kid: next.kid } });

    const published = await jwksOf(server);
    expect(published.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, next.kid]));
    for (const key of published) for (const field of PRIVATE_FIELDS) expect(key).not.toHaveProperty(field);

    const after = await listKeys();
    expect(after.find((key) => key.kid === next.kid)).toMatchObject({ status: "current", alg: "RS256" });
    const previous = after.find((key) => key.kid === oldKid);
    expect(previous).toMatchObject({ status: "previous", alg: "RS256" });
    // Kept a day past the switch, far longer than the hour an ID token lives.
    expect(Date.parse(previous!.retiresAt!) - activatesAt).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 1000);
    // The ES256 key was not touched.
    expect(after.filter((key) => key.alg === "ES256").map((key) => key.status)).toEqual(["current"]);
  });

  it("rotates the ES256 key on its own and refuses an unknown algorithm", async () => {
    const rotated = await cli("keys", "rotate", "--alg", "ES256", "--json");
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(JSON.parse(rotated.stdout)).toMatchObject({ alg: "ES256", status: "next" });
    const bad = await cli("keys", "rotate", "--alg", "HS256");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--alg must be one of RS256, ES256/);
    const statuses = (await listKeys()).map((key) => `${key.alg}:${key.status}`);
    expect(statuses.filter((s) => s.startsWith("ES256"))).toEqual(["ES256:current", "ES256:next"]);
  });
});

describe("two instances on one PostgreSQL database", () => {
  let a: TestServer;
  let b: TestServer;
  let app: App;

  beforeAll(async () => {
    const url = await postgresDatabase();
    const env = { KEY_ACTIVATION_SECONDS: String(ACTIVATION) };
    [a, b] = await Promise.all([startServer(url, env), startServer(url, env)]);
    expect((await cliFor(a)("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password)).status).toBe(0);
    app = await setUp(cliFor(a));
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("both publish a key rotated through one before either signs with it, then both sign with it", async () => {
    const oldKid = kidOf(await idToken(b, app));
    const oldToken = await idToken(a, app);
    expect(kidOf(oldToken)).toBe(oldKid);

    const admin = await signInToPages(a.url, ADMIN);
    expect((await callApi(new CookieBrowser(), a.url, "GET", "/api/v1/keys")).status).toBe(401);
    const invalid = await callApi(admin, a.url, "POST", "/api/v1/keys", { alg: "HS256" });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.errors)).toEqual(["alg"]);

    const rotated = await callApi(admin, a.url, "POST", "/api/v1/keys", { alg: "RS256" });
    expect(rotated.status).toBe(201);
    const next = rotated.body as ListedKey;
    expect(next).toMatchObject({ alg: "RS256", status: "next" });
    expect(Date.parse(next.activatesAt!) - Date.parse(next.createdAt)).toBe(ACTIVATION * 1000);

    // The instance that rotated publishes it at once; the other within a poll interval. Neither signs with it.
    expect((await jwksOf(a)).map((key) => key.kid)).toContain(next.kid);
    await waitFor("the other instance to publish the new key", async () =>
      (await jwksOf(b)).some((key) => key.kid === next.kid) ? true : undefined,
    );
    expect([kidOf(await idToken(a, app)), kidOf(await idToken(b, app))]).toEqual([oldKid, oldKid]);

    // No restart: the second instance signs with the new key within a poll interval or two of its activation.
    const activatesAt = await activateNow(a.databaseUrl, next.kid);
    const fromB = await waitFor("the other instance to sign with the activated key", async () => {
      const token = await idToken(b, app);
      return kidOf(token) === next.kid ? token : undefined;
    });
    expect(decodeJwt(fromB).iat).toBeGreaterThanOrEqual(Math.floor(activatesAt / 1000));
    expect(kidOf(await idToken(a, app))).toBe(next.kid);
    // The console signs its admins in through the provider too, and keeps working on the new key.
    const again = await signInToPages(b.url, ADMIN);
    expect((await callApi(again, b.url, "GET", "/api/v1/keys")).status).toBe(200);

    // Either instance's JWKS verifies tokens from before and after, whoever signed them.
    for (const server of [a, b]) {
      const jwks = createRemoteJWKSet(new URL(`${server.issuer}/jwks`));
      await expect(jwtVerify(oldToken, jwks, { audience: app.clientId })).resolves.toBeTruthy();
      await expect(jwtVerify(fromB, jwks, { audience: app.clientId })).resolves.toBeTruthy();
    }

    const listed = await callApi(admin, a.url, "GET", "/api/v1/keys");
    expect(listed.status).toBe(200);
    const keys = listed.body.keys as ListedKey[];
    expect(keys.slice(0, 2).map((key) => key.status)).toEqual(["current", "current"]);
    expect(keys.find((key) => key.kid === oldKid)?.status).toBe("previous");
    expect(keys.find((key) => key.kid === next.kid)?.status).toBe("current");
    for (const key of keys) expect(Object.keys(key)).not.toContain("value");
    expect(JSON.stringify(listed.body)).not.toMatch(/"(d|p|q|dp|dq|qi|value)"/);
    expect(a.logs()).toMatch(/"msg":"signing key rotated".*"alg":"RS256"/);
  });
});
