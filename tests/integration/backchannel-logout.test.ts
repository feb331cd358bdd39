import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorize, CookieBrowser, hiddenField } from "../support/browserless";
import { databaseKinds, databases } from "../support/databases";
import {
  LOGOUT_EVENT,
  type LogoutReceiver,
  type ReceivedLogout,
  startLogoutReceiver,
} from "../support/logout-receiver";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { callApi, signInToPages } from "../support/pages-session";
import { runCliAsync, startServer, type TestServer } from "../support/server";
import { holdLogoutQueueLock, sql } from "../support/sql";
import { eventually } from "../support/tokens";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "admin@example.com", password: "admin-password-1" };
// Retries a fifth of a second apart (doubling), so a test waits for them without sleeping; a
// write held up by a lock gives up after two seconds (the outage test), not the default five.
const FAST_RETRIES = {
  BACKCHANNEL_LOGOUT_RETRY_SECONDS: "0.2",
  BACKCHANNEL_LOGOUT_TIMEOUT_SECONDS: "3",
  DATABASE_STATEMENT_TIMEOUT_SECONDS: "2",
};

type App = { clientId: string; clientSecret: string; id: string };
type AuditItem = { type: string; after: { attempt: number; reason: string; error?: string; status?: number } };

describe.each(databaseKinds)("back-channel logout on %s", (kind) => {
  let db: Awaited<ReturnType<(typeof databases)[typeof kind]>>;
  let server: TestServer;
  let admin: CookieBrowser;
  let receiver: LogoutReceiver;
  /** The client each receiver path belongs to (an app registers `${receiver.url}/<path>`). */
  const clientOfPath = new Map<string, string>();

  beforeAll(async () => {
    receiver = await startLogoutReceiver((path) => clientOfPath.get(path) ?? "unknown");
    db = await databases[kind]();
    server = await startServer(db.url, FAST_RETRIES);
    receiver.expectIssuer(server.issuer);
    expect((await server.cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password)).status).toBe(0);
    admin = await signInToPages(server.url, ADMIN);
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    db?.cleanup();
  });

  const api = (method: string, path: string, body?: unknown) =>
    callApi(admin, server.url, method, `/api/v1${path}`, body);
  const cli = (...args: string[]) => runCliAsync(db.url, args, { APP_URL: server.url });

  /** A user of its own for each test, so no test depends on another's sessions. */
  async function createUser(name: string) {
    const user = { email: `${name}@example.com`, password: `${name}-password-1` };
    const created = await cli("users", "create", "--email", user.email, "--password", user.password, "--json");
    expect(created.status, created.stderr).toBe(0);
    return { ...user, id: (JSON.parse(created.stdout) as { id: string }).id };
  }

  /** A traditional web app made with the CLI flag, posting its logout tokens to `${receiver.url}/${path}`. */
  async function createApp(path: string): Promise<App> {
    const created = await cli(
      ...["apps", "create", "--name", path, "--type", "traditional", "--redirect-uri", REDIRECT],
      ...["--backchannel-logout-uri", `${receiver.url}/${path}`, "--json"],
    );
    expect(created.status, created.stderr).toBe(0);
    const app = JSON.parse(created.stdout) as App & { backchannelLogoutUri: string };
    expect(app.backchannelLogoutUri).toBe(`${receiver.url}/${path}`);
    clientOfPath.set(`/${path}`, app.clientId);
    return app;
  }

  /** Signs `user` in to `app` in `browser`; returns the ID token's claims and the client config. */
  async function signIn(app: App, user: { email: string; password: string }, browser = new CookieBrowser()) {
    const config = await discoverClient(server.issuer, app.clientId, app.clientSecret);
    const request = await authorizationRequest(config, REDIRECT);
    const callback = await authorize(browser, request.url, REDIRECT, user);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
    });
    const claims = tokens.claims();
    if (!claims?.sid) throw new Error("the ID token carries no sid");
    return { config, browser, idToken: tokens.id_token ?? "", sub: claims.sub, sid: String(claims.sid) };
  }

  const arrivals = (path: string) => receiver.received.filter((r) => r.path === `/${path}`);

  /** Waits until `path` has received `count` tokens, and no invalid one arrived. */
  async function waitForTokens(path: string, count: number, what: string): Promise<ReceivedLogout[]> {
    await eventually(`${what} (${count} logout token(s) at /${path}; got ${arrivals(path).length})`, async () => {
      return arrivals(path).length >= count;
    });
    expect(receiver.refused).toEqual([]);
    return arrivals(path);
  }

  async function auditOf(app: App): Promise<AuditItem[]> {
    const events: AuditItem[] = [];
    for (const type of ["logout.delivered", "logout.failed"]) {
      const page = await api("GET", `/audit?type=${type}&applicationId=${app.id}&pageSize=200`);
      expect(page.status).toBe(200);
      events.push(...(page.body.items as AuditItem[]));
    }
    return events.sort((a, b) => a.after.attempt - b.after.attempt);
  }

  /** Waits until the audit log records the delivery, then checks nothing more was sent. */
  async function expectOneDelivery(app: App, path: string, reason: string) {
    await eventually(`the delivery to /${path} in the audit log`, async () =>
      (await auditOf(app)).some((e) => e.type === "logout.delivered"),
    );
    const delivered = (await auditOf(app)).filter((e) => e.type === "logout.delivered");
    expect(delivered.map((e) => e.after.reason)).toEqual([reason]);
    expect(arrivals(path)).toHaveLength(1);
  }

  function expectToken(received: ReceivedLogout, app: App, session: { sub: string; sid: string }) {
    expect(received.claims).toMatchObject({
      iss: server.issuer,
      aud: app.clientId,
      sub: session.sub,
      sid: session.sid,
    });
    expect(received.claims.events).toEqual({ [LOGOUT_EVENT]: {} });
    expect(received.claims).not.toHaveProperty("nonce");
  }

  it("advertises back-channel logout in discovery", async () => {
    const discovery = await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ backchannel_logout_supported: true, backchannel_logout_session_supported: true });
  });

  /** Opens the app's sign-out (RP-initiated logout) in the session's browser; returns the form's xsrf. */
  async function logoutPrompt(session: Awaited<ReturnType<typeof signIn>>) {
    const endSession = oidc.buildEndSessionUrl(session.config, { id_token_hint: session.idToken });
    const prompt = await session.browser.follow(endSession.href);
    return hiddenField(await prompt.response!.text(), "xsrf");
  }

  it("sends one logout token when the user signs out", async () => {
    const app = await createApp("sign-out");
    const session = await signIn(app, await createUser("ada"));
    const xsrf = await logoutPrompt(session);
    await session.browser.submit(`${server.issuer}/session/end/confirm`, { xsrf, logout: "yes" });

    const [received] = await waitForTokens("sign-out", 1, "the sign-out");
    expectToken(received, app, session);
    await expectOneDelivery(app, "sign-out", "sign_out");
  });

  it("queues one token for each app of the session when the user signs out of all of them", async () => {
    const first = await createApp("both-first");
    const second = await createApp("both-second");
    const user = await createUser("grace-both");
    const one = await signIn(first, user);
    const two = await signIn(second, user, one.browser);
    expect(two.sid).not.toBe(one.sid);
    const xsrf = await logoutPrompt(one);
    await one.browser.submit(`${server.issuer}/session/end/confirm`, { xsrf, logout: "yes" });

    const [toFirst] = await waitForTokens("both-first", 1, "the sign-out, first app");
    const [toSecond] = await waitForTokens("both-second", 1, "the sign-out, second app");
    expectToken(toFirst, first, one);
    expectToken(toSecond, second, two);
    await expectOneDelivery(first, "both-first", "sign_out");
    await expectOneDelivery(second, "both-second", "sign_out");
  });

  /** Whether the session in `browser` is still signed in to `app`: a silent sign-in (prompt=none) gets a code. */
  async function signedIn(session: Awaited<ReturnType<typeof signIn>>) {
    const request = await authorizationRequest(session.config, REDIRECT, { prompt: "none" });
    const back = new URL((await session.browser.follow(request.url, REDIRECT)).url);
    if (back.searchParams.has("code")) return true;
    expect(back.searchParams.get("error")).toBe("login_required");
    return false;
  }

  it("keeps the user signed in when the logout token cannot be queued, and signs out on a retry", async () => {
    const app = await createApp("outage");
    const session = await signIn(app, await createUser("alan"));
    const xsrf = await logoutPrompt(session);
    // Posted as a browser posts the form: asking for a page.
    const confirm = () =>
      session.browser.follow(`${server.issuer}/session/end/confirm`, undefined, {
        method: "POST",
        headers: {
          accept: "text/html",
          "content-type": "application/x-www-form-urlencoded",
          origin: new URL(server.url).origin,
        },
        body: new URLSearchParams({ xsrf, logout: "yes" }).toString(),
      });

    // The database fails exactly at sign-out: the logout token's write cannot get its lock.
    const release = await holdLogoutQueueLock(db.url);
    let refused: Awaited<ReturnType<typeof confirm>>;
    try {
      refused = await confirm();
    } finally {
      await release();
    }
    expect(refused.response?.status).toBe(503);
    expect(refused.response?.headers.get("retry-after")).toBeTruthy();
    expect(refused.response?.headers.get("content-type")).toContain("text/html");
    expect(await refused.response?.text()).toContain("try again shortly");
    expect(await sql(db.url, 'SELECT id FROM "LogoutDelivery" WHERE "clientId" = $1', app.clientId)).toEqual([]);
    expect(await signedIn(session)).toBe(true);

    // Trying again (the same form) does the whole sign-out, and the app hears of it as usual.
    const retried = await confirm();
    expect(retried.response?.status).toBe(200);
    expect(retried.url).toContain("/session/end/success");
    const [received] = await waitForTokens("outage", 1, "the retried sign-out");
    expectToken(received, app, session);
    await expectOneDelivery(app, "outage", "sign_out");
    expect(await signedIn(session)).toBe(false);
  });

  /** Admin actions that end what a signed-in user holds, each with the API call that does it. */
  type Request = [method: string, path: string, body?: unknown];
  const adminActions: {
    what: string;
    path: string;
    name: string;
    reason: string;
    request: (user: string, client: string) => Request;
    answer: number;
  }[] = [
    {
      what: "the user's grant is revoked",
      path: "revoke",
      name: "grace",
      reason: "grant_revoked",
      request: (user, client) => ["DELETE", `/users/${user}/grants/${client}`],
      answer: 204,
    },
    {
      what: "an admin suspends the user",
      path: "suspend",
      name: "linus",
      reason: "suspended",
      request: (user) => ["PUT", `/users/${user}/status`, { status: "suspended" }],
      answer: 200,
    },
    {
      what: "an admin ends the user's sessions",
      path: "sessions",
      name: "margaret",
      reason: "sessions_ended",
      request: (user) => ["DELETE", `/users/${user}/sessions`],
      answer: 204,
    },
  ];

  it.each(adminActions)("sends one logout token when $what", async (action) => {
    const app = await createApp(action.path);
    const user = await createUser(action.name);
    const session = await signIn(app, user);
    expect((await api(...action.request(user.id, app.clientId))).status).toBe(action.answer);

    const [received] = await waitForTokens(action.path, 1, action.what);
    expectToken(received, app, session);
    await expectOneDelivery(app, action.path, action.reason);
  });

  it("retries a receiver that fails twice, and records every attempt", async () => {
    const app = await createApp("flaky");
    const user = await createUser("barbara");
    const session = await signIn(app, user);
    receiver.failNext("/flaky", 2);
    expect((await api("PUT", `/users/${user.id}/status`, { status: "suspended" })).status).toBe(200);

    const received = await waitForTokens("flaky", 3, "two failures and a retry");
    expect(received.map((r) => r.answered)).toEqual([503, 503, 200]);
    // One delivery, retried: the same token id every time.
    expect(new Set(received.map((r) => r.claims.jti)).size).toBe(1);
    expectToken(received[2], app, session);
    await eventually("the third attempt in the audit log", async () => (await auditOf(app)).length === 3);
    expect((await auditOf(app)).map((e) => [e.type, e.after.attempt, e.after.error ?? e.after.status])).toEqual([
      ["logout.failed", 1, "HTTP 503"],
      ["logout.failed", 2, "HTTP 503"],
      ["logout.delivered", 3, 200],
    ]);
  });

  it("delivers after a restart what was still pending when the server stopped", async () => {
    const app = await createApp("restart");
    const user = await createUser("edsger");
    const session = await signIn(app, user);
    receiver.refuse("/restart");
    expect((await api("PUT", `/users/${user.id}/status`, { status: "suspended" })).status).toBe(200);
    await waitForTokens("restart", 1, "the first, refused attempt");
    await server.stop();

    receiver.accept("/restart");
    // The same address (so the same issuer), as a restarted service has.
    server = await startServer(db.url, FAST_RETRIES, { port: Number(new URL(server.url).port) });
    admin = await signInToPages(server.url, ADMIN);
    await eventually("the pending delivery after the restart", async () =>
      arrivals("restart").some((r) => r.answered === 200),
    );
    expect(receiver.refused).toEqual([]);
    const received = arrivals("restart");
    const delivered = received.filter((r) => r.answered === 200);
    expect(delivered).toHaveLength(1);
    // The same queued delivery, signed again by the new server.
    expect(delivered[0].claims.jti).toBe(received[0].claims.jti);
    expect(delivered[0].claims).toMatchObject({ iss: server.issuer, sub: session.sub, sid: session.sid });
  });
});
