import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWithAdmin } from "../support/admin-server";
import { authorize, CookieBrowser } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { callApi, signInToPages } from "../support/pages-session";
import type { TestServer } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root-admin@example.com", password: "admin-passphrase" };
// Values that must never reach anyone without an admin session: a user's email and name, an app's client ID.
const USER = { email: "grace.hopper@example.com", password: "cobol-forever-1959", name: "Grace Brewster Hopper" };

/** What Next.js's client router sends when it moves from one console page to another. */
const rscHeaders = {
  rsc: "1",
  "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null, true])),
  "next-url": "/applications",
};

describe.each(databaseKinds)("console access on %s", (kind) => {
  let server: TestServer;
  let stop: () => Promise<void>;
  let admin: CookieBrowser;
  let userId: string;
  let app: { id: string; clientId: string; clientSecret: string };
  let pages: string[];

  beforeAll(async () => {
    ({ server, admin, stop } = await startWithAdmin(kind, ADMIN));
    const created = await callApi(admin, server.url, "POST", "/api/v1/users", USER);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    userId = created.body.id;
    const made = await callApi(admin, server.url, "POST", "/api/v1/applications", {
      type: "traditional",
      name: "Ledger Reconciliation Portal",
      redirectUris: [REDIRECT],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    app = { ...made.body.application, clientSecret: made.body.clientSecret };
    const base = `/applications/${app.id}`;
    pages = [
      "/applications",
      "/applications?tab=third-party",
      base,
      `${base}/tokens`,
      "/users",
      `/users?q=${encodeURIComponent("grace")}`,
      `/users/${userId}`,
      "/audit",
      "/settings/keys",
      "/api-docs",
      "/docs",
    ];
  });

  afterAll(async () => {
    await stop?.();
  });

  const secretsIn = (body: string) =>
    [USER.email, USER.name, app.clientId, ADMIN.email].filter((value) => body.includes(value));

  it("shows the admin the data the other tests look for (so their absence below means something)", async () => {
    const users = await admin.fetch(`${server.url}/users`);
    expect(users.status).toBe(200);
    const body = await users.text();
    expect(body).toContain(USER.email);
    expect(body).toContain(USER.name);
    const detail = await (await admin.fetch(`${server.url}/applications/${app.id}`)).text();
    expect(detail).toContain(app.clientId);
  });

  it("answers a page request without a session with an empty redirect to sign-in", async () => {
    for (const language of ["en", "ko"]) {
      for (const path of pages) {
        const response = await fetch(`${server.url}${path}`, {
          redirect: "manual",
          headers: { "accept-language": language },
        });
        const body = await response.text();
        expect(response.status, path).toBe(303);
        expect(body, path).toBe("");
        const location = new URL(response.headers.get("location") ?? "", server.url);
        expect(location.pathname, path).toBe("/sign-in");
        expect(location.searchParams.get("callbackUrl"), path).toBe(path);
        expect(response.headers.get("cache-control")).toBe("no-store");
      }
    }
  });

  it("answers a replayed client-router (RSC) fetch without a session with an empty 401", async () => {
    for (const path of pages) {
      const withQuery = `${path}${path.includes("?") ? "&" : "?"}_rsc=abc12`;
      for (const url of [path, withQuery]) {
        const response = await fetch(`${server.url}${url}`, { redirect: "manual", headers: rscHeaders });
        const body = await response.text();
        expect(response.status, url).toBe(401);
        expect(secretsIn(body), url).toEqual([]);
        expect(body, url).toBe("");
      }
      // A server action post, a HEAD and other spellings of the path get nothing either.
      const action = await fetch(`${server.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { "next-action": "0123456789abcdef", "content-type": "text/plain" },
        body: "[]",
      });
      expect(action.status, path).toBe(401);
      expect(await action.text()).toBe("");
    }
    for (const spelling of ["/Users", "//users", "/%75sers", "/users/", `/users/${userId}/`]) {
      const response = await fetch(`${server.url}${spelling}`, { redirect: "manual" });
      const body = await response.text();
      expect([303, 404, 308], spelling).toContain(response.status);
      expect(secretsIn(body), spelling).toEqual([]);
    }
  });

  it("ends a console session at sign-out: the old cookie no longer opens anything", async () => {
    const browser = await signInToPages(server.url, ADMIN);
    // Someone's copy of the cookie, taken before sign-out.
    const cookieHeader = browser.cookieHeader();
    expect((await fetch(`${server.url}/users`, { headers: { cookie: cookieHeader }, redirect: "manual" })).status).toBe(
      200,
    );
    const { csrfToken } = (await (await browser.fetch(`${server.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    const out = await browser.fetch(`${server.url}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    });
    expect(out.status).toBeLessThan(400);
    const replay = await fetch(`${server.url}/users`, { headers: { cookie: cookieHeader }, redirect: "manual" });
    expect(replay.status).toBe(303);
    expect(await replay.text()).toBe("");
    const api = await fetch(`${server.url}/api/v1/users`, { headers: { cookie: cookieHeader } });
    expect(api.status).toBe(401);
  });

  it("ends a demoted admin's console sessions at once", async () => {
    const second = { email: `second-${kind}@example.com`, password: "second-admin-pass" };
    const made = await callApi(admin, server.url, "POST", "/api/v1/users", { ...second, role: "admin" });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id;
    const browser = await signInToPages(server.url, second);
    expect((await browser.fetch(`${server.url}/audit`)).status).toBe(200);
    const current = await callApi(admin, server.url, "GET", `/api/v1/users/${id}`);
    const demoted = await callApi(admin, server.url, "PATCH", `/api/v1/users/${id}`, {
      role: "user",
      version: current.body.version,
    });
    expect(demoted.status, JSON.stringify(demoted.body)).toBe(200);
    expect((await browser.fetch(`${server.url}/audit`)).status).toBe(303);
    expect((await callApi(browser, server.url, "GET", "/api/v1/audit")).status).toBe(401);
  });

  it("ends a user's sessions, refresh tokens and prompt=none when an admin resets their password", async () => {
    const config = await discoverClient(server.issuer, app.clientId, app.clientSecret);
    const start = (extra: Record<string, string> = {}) =>
      authorizationRequest(config, REDIRECT, { state: "s", ...extra });
    const browser = new CookieBrowser();
    const first = await start({ scope: "openid email offline_access", prompt: "consent" });
    const callback = await authorize(browser, first.url, REDIRECT, USER);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: first.verifier,
      expectedState: "s",
    });
    expect(tokens.refresh_token).toBeDefined();
    // Before the reset, the provider session signs the user in silently.
    const silentBefore = await start({ prompt: "none" });
    const before = await browser.follow(silentBefore.url, REDIRECT);
    expect(new URL(before.url).searchParams.get("code")).toBeTruthy();
    const account = await signInToPages(server.url, USER, "latchkey-account");
    expect(await (await account.fetch(`${server.url}/account`)).text()).toContain(USER.email);

    const reset = await callApi(admin, server.url, "PUT", `/api/v1/users/${userId}/password`, {
      password: "a-brand-new-passphrase",
    });
    expect(reset.status, JSON.stringify(reset.body)).toBeLessThan(300);

    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    const silentAfter = await start({ prompt: "none" });
    const after = await browser.follow(silentAfter.url, REDIRECT);
    expect(new URL(after.url).searchParams.get("error")).toBe("login_required");
    expect(await (await account.fetch(`${server.url}/account`)).text()).not.toContain(USER.email);
  });
});
