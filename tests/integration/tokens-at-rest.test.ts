import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieBrowser, codeWithPkce, hiddenField, textOf } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import type { TestServer } from "../support/server";
import { sql } from "../support/sql";
import { createM2mApp, type M2mApp, requestToken, startWithWebApp } from "../support/tokens";

const REDIRECT = "http://127.0.0.1:9/callback";
const USER = { email: "ada@example.com", password: "analytical-engine-1843" };

type Tokens = { access_token: string; refresh_token?: string; error?: string };
type Issued = Record<string, string>;

/** What a copy of the database holds: every stored id, payload and token batch, and on SQLite the file and its WAL. */
async function databaseText(databaseUrl: string): Promise<string> {
  const rows = await sql<{ id: string; payload: string }>(databaseUrl, `SELECT "id", "payload" FROM "OidcPayload"`);
  const batches = await sql<{ tokens: string }>(databaseUrl, `SELECT "tokens" FROM "TokenBatch"`);
  const parts = [...rows.flatMap((row) => [row.id, row.payload]), ...batches.map((batch) => batch.tokens)];
  if (databaseUrl.startsWith("file:")) {
    const file = databaseUrl.slice("file:".length);
    for (const path of [file, `${file}-wal`]) if (existsSync(path)) parts.push(readFileSync(path).toString("latin1"));
  }
  return parts.join("\n");
}

// Whoever reads the database (a copy, a backup, the SQLite file) must find no token, code or
// session cookie that works: each is stored as its SHA-256. And every one of them still works.
describe.each(databaseKinds)("tokens at rest on %s", (kind) => {
  let server: TestServer;
  let cleanup: () => void;
  let web: M2mApp;
  let job: M2mApp;
  let tv: string;
  const browser = new CookieBrowser();
  const issued: Issued = {};

  beforeAll(async () => {
    ({ server, app: web, cleanup } = await startWithWebApp(kind, USER, REDIRECT));
    job = await createM2mApp(server);
    const native = await server.cli(
      ...["apps", "create", "--name", "TV", "--type", "native", "--device-flow", "--json"],
      ...["--redirect-uri", "http://127.0.0.1/cb"],
    );
    expect(native.status, native.stderr).toBe(0);
    tv = JSON.parse(native.stdout).clientId;
  });
  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  const form = (path: string, params: Record<string, string>, app?: M2mApp) =>
    fetch(`${server.issuer}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(app
          ? { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}` }
          : {}),
      },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(30_000),
    });
  const tokens = async (params: Record<string, string>, app?: M2mApp) => {
    const response = await form("/token", params, app);
    return { status: response.status, body: (await response.json()) as Tokens };
  };
  const active = async (token: string, app: M2mApp) =>
    ((await (await form("/token/introspection", { token }, app)).json()) as { active: boolean }).active;
  const userinfo = (token: string) =>
    fetch(`${server.issuer}/me`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    });

  const signIn = (credentials: { email?: string; password?: string }) =>
    codeWithPkce(
      browser,
      server.issuer,
      { clientId: web.clientId, redirectUri: REDIRECT, scope: "openid offline_access" },
      credentials,
    );

  /** The user types the device's code, confirms, and consents, in the browser already signed in. */
  async function approveDevice(userCode: string) {
    const open = async (url: string, init?: RequestInit) => {
      const { url: at, response } = await browser.follow(url, undefined, init);
      if (!response) throw new Error(`${url} left the server`);
      return { url: at, html: await response.text() };
    };
    const post = (url: string, fields: Record<string, string>) =>
      open(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(url).origin },
        body: new URLSearchParams(fields).toString(),
      });
    const device = `${server.issuer}/device`;
    const input = await open(device);
    const confirm = await post(device, { xsrf: hiddenField(input.html, "xsrf"), user_code: userCode });
    let step = await post(device, {
      xsrf: hiddenField(confirm.html, "xsrf"),
      user_code: hiddenField(confirm.html, "user_code"),
      confirm: "yes",
    });
    for (let i = 0; i < 4 && step.html.includes('name="csrf"'); i++)
      step = await post(`${step.url.split("?")[0]}/confirm`, { csrf: hiddenField(step.html, "csrf") });
    expect(textOf(step.html)).toContain("You are signed in to TV on your device");
  }

  it("stores no issued token, code or session cookie readable, and each still works", async () => {
    // Authorization code, redeemed; its refresh token rotated.
    const first = await signIn(USER);
    issued.code = first.code;
    const redeemed = await tokens(
      { grant_type: "authorization_code", code: first.code, redirect_uri: REDIRECT, code_verifier: first.verifier },
      web,
    );
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    issued.access = redeemed.body.access_token;
    issued.refresh = String(redeemed.body.refresh_token);
    const refreshed = await tokens({ grant_type: "refresh_token", refresh_token: issued.refresh }, web);
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    issued.refreshedAccess = refreshed.body.access_token;
    issued.refreshedRefresh = String(refreshed.body.refresh_token);
    expect(issued.refreshedRefresh).not.toBe(issued.refresh);

    // The session cookie is found again: a second sign-in asks for no password.
    const session = browser.cookieHeader().match(/(?:^|; )_session=([^;]+)/)?.[1];
    expect(session, `no session cookie among ${browser.cookieNames().join(", ")}`).toBeTruthy();
    issued.session = String(session);
    expect((await signIn({})).code).toBeTruthy();

    // client_credentials, stored in a token batch.
    const machine = await requestToken(server.issuer, job);
    expect(machine.status).toBe(200);
    issued.clientCredentials = ((await machine.json()) as Tokens).access_token;

    // Device flow: the device code, then the tokens it is exchanged for (the first poll is on time).
    const started = await form("/device/auth", { client_id: tv, scope: "openid offline_access" });
    const auth = (await started.json()) as { device_code: string; user_code: string };
    expect(started.status, JSON.stringify(auth)).toBe(200);
    issued.deviceCode = auth.device_code;
    await approveDevice(auth.user_code);
    const polled = await tokens({
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      device_code: auth.device_code,
      client_id: tv,
    });
    expect(polled.status, JSON.stringify(polled.body)).toBe(200);
    issued.deviceAccess = polled.body.access_token;

    const stored = await databaseText(server.databaseUrl);
    expect(stored.length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(issued)) {
      expect(value.length, name).toBeGreaterThan(20);
      expect(stored.includes(value), `the ${name} is readable in the database`).toBe(false);
    }

    // They work: introspection, userinfo, revocation.
    expect(await active(issued.refreshedAccess, web)).toBe(true);
    expect(await active(issued.refreshedRefresh, web)).toBe(true);
    expect(await active(issued.clientCredentials, job)).toBe(true);
    expect((await userinfo(issued.deviceAccess)).status).toBe(200);
    expect((await form("/token/revocation", { token: issued.clientCredentials }, job)).status).toBe(200);
    expect(await active(issued.clientCredentials, job)).toBe(false);
    expect((await form("/token/revocation", { token: issued.access }, web)).status).toBe(200);
    expect(await active(issued.access, web)).toBe(false);

    // A rotated refresh token presented again revokes what was issued from it.
    const reused = await tokens({ grant_type: "refresh_token", refresh_token: issued.refresh }, web);
    expect(reused.body.error).toBe("invalid_grant");
    expect(await active(issued.refreshedRefresh, web)).toBe(false);
    expect(await active(issued.refreshedAccess, web)).toBe(false);
  });
});
