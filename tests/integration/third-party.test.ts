import { readFileSync } from "node:fs";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorize, CookieBrowser, textOf } from "../support/browserless";
import { databaseKinds, databases } from "../support/databases";
import { clientAuth } from "../support/oidc-client";
import { callApi, signInToPages } from "../support/pages-session";
import { startServer, type TestServer } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const USER = { email: "grace@example.com", password: "correct horse battery" };

type App = { application: { id: string; clientId: string }; clientSecret: string };

describe.each(databaseKinds)("third-party apps on %s", (kind) => {
  let server: TestServer;
  let cleanup: () => void;
  let admin: CookieBrowser;
  let databaseUrl: string;

  beforeAll(async () => {
    const db = await databases[kind]();
    cleanup = db.cleanup;
    databaseUrl = db.url;
    server = await startServer(db.url);
    expect((await server.cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password)).status).toBe(0);
    expect(
      (await server.cli("users", "create", "--email", USER.email, "--password", USER.password, "--name", "Grace"))
        .status,
    ).toBe(0);
    admin = await signInToPages(server.url, ADMIN);
  });

  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  async function createApp(body: Record<string, unknown>): Promise<App> {
    const created = await callApi(admin, server.url, "POST", "/api/v1/applications", {
      type: "third-party",
      redirectUris: [REDIRECT],
      ...body,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as App;
  }

  const discover = (app: App, secret = app.clientSecret) =>
    oidc.discovery(new URL(server.issuer), app.application.clientId, secret, clientAuth(secret), {
      execute: [oidc.allowInsecureRequests],
    });

  /** Runs the sign-in (and consent, if shown) and returns the pages seen and the app's callback. */
  async function signIn(app: App, scope: string, browser = new CookieBrowser()) {
    const config = await discover(app);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    });
    const pages: string[] = [];
    const callback = await authorize(browser, url.href, REDIRECT, {
      ...USER,
      onPage: (p) => pages.push(textOf(p.html)),
    });
    return { config, verifier, state, callback, pages, browser };
  }

  async function tokensOf(flow: Awaited<ReturnType<typeof signIn>>) {
    return oidc.authorizationCodeGrant(flow.config, new URL(flow.callback), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
    });
  }

  it("asks for consent once, remembers it, and asks again only for a new scope", async () => {
    const app = await createApp({ name: "Team Wiki", allowedScopes: ["profile", "email", "phone"] });
    const first = await signIn(app, "openid email");
    expect(first.pages).toHaveLength(2);
    expect(first.pages[1]).toContain("Team Wiki wants to access your account");
    expect(first.pages[1]).toContain("Your email address");

    // Same browser: straight back. A new browser (new session): sign-in only, no consent.
    expect((await signIn(app, "openid email", first.browser)).pages).toHaveLength(0);
    expect((await signIn(app, "openid email")).pages).toHaveLength(1);

    // A new scope: consent again, for that scope only.
    const more = await signIn(app, "openid email phone", first.browser);
    expect(more.pages).toHaveLength(1);
    expect(more.pages[0]).toContain("Your phone number");
    expect(more.pages[0]).not.toContain("Your email address");
  });

  it("refuses a scope the app is not allowed with invalid_scope naming it, without asking anyone", async () => {
    const app = await createApp({ name: "Narrow", allowedScopes: ["email"] });
    const flow = await signIn(app, "openid email phone");
    const callback = new URL(flow.callback);
    expect(callback.searchParams.get("error")).toBe("invalid_scope");
    expect(callback.searchParams.get("error_description")).toContain("phone");
    expect(flow.pages).toHaveLength(0);
  });

  it("authenticates with any unexpired secret; an expired one is told so; a deleted one fails", async () => {
    const app = await createApp({ name: "Rotating" });
    const path = `/api/v1/applications/${app.application.id}/secrets`;
    const second = await callApi(admin, server.url, "POST", path, { name: "Second", expiresInDays: 30 });
    expect(second.status).toBe(201);
    const expiring = await callApi(admin, server.url, "POST", path, { name: "Expiring", expiresInDays: 7 });

    const token = (secret: string) =>
      fetch(`${server.issuer}/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${app.application.clientId}:${secret}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body:
          "grant_type=authorization_code&code=nothing&redirect_uri=" +
          encodeURIComponent(REDIRECT) +
          "&code_verifier=" +
          "x".repeat(43),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error: string; error_description?: string },
      }));

    // A good secret gets past client authentication (the made-up code is then the problem).
    expect((await token(app.clientSecret)).body.error).toBe("invalid_grant");
    expect((await token(second.body.value)).body.error).toBe("invalid_grant");
    expect((await token("not-a-secret")).body.error).toBe("invalid_client");

    // Age the third secret past its expiry, straight in the database.
    const { connect } = await import("../../lib/db/client");
    const database = await connect(databaseUrl);
    await database.prisma.clientSecret.update({
      where: { id: expiring.body.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await database.prisma.$disconnect();
    await expect
      .poll(async () => (await token(expiring.body.value)).body, { timeout: 5000 })
      .toMatchObject({ error: "invalid_client", error_description: expect.stringMatching(/expired/) });

    const deleted = await callApi(admin, server.url, "DELETE", `${path}/${second.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await token(second.body.value)).body.error).toBe("invalid_client");
    expect((await token(app.clientSecret)).body.error).toBe("invalid_grant");
  });

  it.runIf(kind === "sqlite")("keeps no plain client secret anywhere in the database files", async () => {
    const app = await createApp({ name: "Hashed" });
    const extra = await callApi(admin, server.url, "POST", `/api/v1/applications/${app.application.id}/secrets`, {
      name: "Extra",
    });
    const file = databaseUrl.replace(/^file:/, "");
    // The database file and its write-ahead log, where recent writes live until a checkpoint.
    const bytes = Buffer.concat(
      ["", "-wal"].map((suffix) => {
        try {
          return readFileSync(file + suffix);
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    expect(bytes.includes("Hashed")).toBe(true); // the search looks in the right place...
    expect(bytes.includes(app.clientSecret)).toBe(false); // ...and finds no secret there
    expect(bytes.includes(extra.body.value)).toBe(false);
  });

  it("revoking a grant kills its refresh token at once, deactivates its access token, and asks consent again", async () => {
    const app = await createApp({ name: "Revocable" });
    await callApi(admin, server.url, "PATCH", `/api/v1/applications/${app.application.id}`, {
      alwaysIssueRefreshToken: true,
    });
    const flow = await signIn(app, "openid profile");
    const tokens = await tokensOf(flow);
    expect(tokens.refresh_token).toBeDefined();
    expect((await oidc.tokenIntrospection(flow.config, tokens.access_token)).active).toBe(true);

    // The user revokes it on their account page (signed in through the same provider session).
    const account = await signInToPages(server.url, USER, "latchkey-account", flow.browser);
    const listed = await account.fetch(`${server.url}/account`);
    expect(textOf(await listed.text())).toContain("Revocable");
    const revoked = await callApi(
      account,
      server.url,
      "DELETE",
      `/api/account/connected-apps/${app.application.clientId}`,
    );
    expect(revoked.status).toBe(204);

    await expect(oidc.refreshTokenGrant(flow.config, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect((await oidc.tokenIntrospection(flow.config, tokens.access_token)).active).toBe(false);
    const again = await signIn(app, "openid profile", flow.browser);
    expect(again.pages.some((page) => page.includes("wants to access your account"))).toBe(true);
  });

  it("applies per-app token settings: lifetimes and refresh tokens without offline_access", async () => {
    const app = await createApp({ name: "Short-lived" });
    const plain = await tokensOf(await signIn(app, "openid"));
    expect(plain.refresh_token).toBeUndefined();
    expect(plain.expires_in).toBe(3600);

    const saved = await callApi(admin, server.url, "PATCH", `/api/v1/applications/${app.application.id}`, {
      accessTokenTtl: 600,
      alwaysIssueRefreshToken: true,
    });
    expect(saved.status).toBe(200);
    const tuned = await tokensOf(await signIn(app, "openid"));
    expect(tuned.expires_in).toBe(600);
    expect(tuned.refresh_token).toBeDefined();

    const invalid = await callApi(admin, server.url, "PATCH", `/api/v1/applications/${app.application.id}`, {
      accessTokenTtl: 5,
      refreshTokenTtl: "soon",
      logoUrl: "ftp://logo",
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.errors).sort()).toEqual(["accessTokenTtl", "logoUrl", "refreshTokenTtl"]);
  });
});
