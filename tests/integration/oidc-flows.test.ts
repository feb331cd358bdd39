import { createRemoteJWKSet, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorize, CookieBrowser, hiddenField, textOf } from "../support/browserless";
import { databaseKinds, databases } from "../support/databases";
import { authorizationRequest, discoverClient, oauthErrorOf } from "../support/oidc-client";
import { startServer, type TestServer } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";
const LOGOUT_REDIRECT = "http://127.0.0.1:9/signed-out";
const USER = { email: "ada@example.com", password: "correct horse battery" };

type Created = { clientId: string; clientSecret?: string };

describe.each(databaseKinds)("OpenID Connect flows on %s", (kind) => {
  let server: TestServer;
  let cleanup: () => void;
  let thirdParty: Created;
  let firstParty: Created;
  let machine: Created;
  let notes: Created;

  const create = async (...args: string[]): Promise<Created> => {
    const result = await server.cli("apps", "create", ...args, "--json");
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    const db = await databases[kind]();
    cleanup = db.cleanup;
    server = await startServer(db.url);
    expect(
      (
        await server.cli(
          "users",
          "create",
          "--email",
          USER.email,
          "--password",
          USER.password,
          "--name",
          "Ada Lovelace",
        )
      ).status,
    ).toBe(0);
    thirdParty = await create(
      "--name",
      "Team Wiki",
      "--type",
      "third-party",
      "--redirect-uri",
      REDIRECT,
      "--post-logout-redirect-uri",
      LOGOUT_REDIRECT,
      ...["--scope", "profile", "--scope", "email", "--scope", "phone"],
    );
    firstParty = await create("--name", "Dashboard", "--type", "traditional", "--redirect-uri", REDIRECT);
    machine = await create("--name", "Nightly job", "--type", "m2m");
    notes = await create(
      ...["--name", "Notes", "--type", "third-party", "--redirect-uri", REDIRECT],
      ...["--scope", "profile", "--scope", "email", "--scope", "phone"],
    );
  });

  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  const discover = (app: Created, secret = app.clientSecret) => discoverClient(server.issuer, app.clientId, secret);

  /** An authorization request with PKCE and a state, for `openid profile email` unless `params` say otherwise. */
  async function startAuthorization(config: oidc.Configuration, params: Record<string, string> = {}) {
    const state = oidc.randomState();
    const request = await authorizationRequest(config, REDIRECT, { scope: "openid profile email", state, ...params });
    return { ...request, state };
  }

  async function signIn(app: Created, params: Record<string, string> = {}, browser = new CookieBrowser()) {
    const config = await discover(app);
    const request = await startAuthorization(config, params);
    const callback = await authorize(browser, request.url, REDIRECT, USER);
    return { config, request, callback, browser };
  }

  it("publishes discovery and a JWKS without private key material", async () => {
    const config = await discover(thirdParty);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(server.issuer);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
    const jwks = (await (await fetch(metadata.jwks_uri!)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys)
      for (const field of ["d", "p", "q", "dp", "dq", "qi"]) expect(key).not.toHaveProperty(field);
  });

  it("signs a user in with authorization code + PKCE, consent, and a verified id_token", async () => {
    const pages: string[] = [];
    const config = await discover(thirdParty);
    const request = await startAuthorization(config, {
      scope: "openid profile email offline_access",
      prompt: "consent",
    });
    const callback = await authorize(new CookieBrowser(), request.url, REDIRECT, {
      ...USER,
      onPage: (p) => pages.push(textOf(p.html)),
    });
    expect(pages[0]).toContain("to continue to Team Wiki");
    expect(pages[1]).toContain("Team Wiki wants to access your account");
    expect(pages[1]).toContain("Your email address");

    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, jwks, {
      issuer: server.issuer,
      audience: thirdParty.clientId,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({ email: USER.email, name: "Ada Lovelace" });

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, payload.sub!);
    expect(userinfo).toMatchObject({ sub: payload.sub, email: USER.email, email_verified: false });

    // Refresh rotates: a new refresh token, and the old one is dead (and its reuse revokes the grant).
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toBeDefined();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect((await oidc.tokenIntrospection(config, refreshed.access_token)).active).toBe(false);

    // Revocation.
    const again = await signIn(thirdParty);
    const fresh = await oidc.authorizationCodeGrant(again.config, new URL(again.callback), {
      pkceCodeVerifier: again.request.verifier,
      expectedState: again.request.state,
    });
    expect((await oidc.tokenIntrospection(config, fresh.access_token)).active).toBe(true);
    await oidc.tokenRevocation(config, fresh.access_token);
    expect((await oidc.tokenIntrospection(config, fresh.access_token)).active).toBe(false);
  });

  it("remembers consent, and Cancel returns access_denied", async () => {
    // An app of its own (no other test signs in to it): what this user consented to elsewhere must not count.
    const config = await discover(notes);
    const first: string[] = [];
    await authorize(new CookieBrowser(), (await startAuthorization(config)).url, REDIRECT, {
      ...USER,
      onPage: (p) => first.push(textOf(p.html)),
    });
    expect(first[1]).toContain("Notes wants to access your account");

    // Another browser (a new session): the password again, but no consent page.
    const browser = new CookieBrowser();
    const pages: string[] = [];
    const request = await startAuthorization(config);
    await authorize(browser, request.url, REDIRECT, { ...USER, onPage: (p) => pages.push(p.html) });
    expect(pages).toHaveLength(1);

    const phone = await startAuthorization(config, { scope: "openid phone" });
    const denied = await authorize(browser, phone.url, REDIRECT, { consent: "abort" });
    expect(new URL(denied).searchParams.get("error")).toBe("access_denied");
  });

  it("never shows consent for a first-party app", async () => {
    const pages: string[] = [];
    const config = await discover(firstParty);
    const request = await startAuthorization(config);
    const callback = await authorize(new CookieBrowser(), request.url, REDIRECT, {
      ...USER,
      onPage: (p) => pages.push(p.html),
    });
    expect(pages).toHaveLength(1);
    expect(new URL(callback).searchParams.get("code")).toBeTruthy();
  });

  it("ends the session with RP-initiated logout", async () => {
    const { config, request, callback, browser } = await signIn(thirdParty);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    const endSession = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: LOGOUT_REDIRECT,
    });
    const prompt = await browser.follow(endSession.href, LOGOUT_REDIRECT);
    const html = await prompt.response!.text();
    expect(textOf(html)).toContain("Sign out?");
    const done = await browser.submit(
      new URL("/oidc/session/end/confirm", server.url).href,
      { xsrf: hiddenField(html, "xsrf"), logout: "yes" },
      LOGOUT_REDIRECT,
    );
    const landed = done.response ? `${done.response.status} at ${done.url}: ${textOf(await done.response.text())}` : "";
    expect(done.url.startsWith(LOGOUT_REDIRECT), landed.slice(0, 400)).toBe(true);
    // Signed out: a new authorization asks for the password again.
    const next = await startAuthorization(config);
    const page = await browser.follow(next.url, REDIRECT);
    expect(await page.response!.text()).toContain('type="password"');
  });

  it("issues client_credentials tokens to a machine-to-machine app and refuses a wrong secret", async () => {
    const config = await discover(machine);
    const tokens = await oidc.clientCredentialsGrant(config);
    expect(tokens.token_type).toBe("bearer");
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
    // Revoked at once, whether just issued or already looked at (a token is answered only once
    // its group is committed, so there is no in-between state to wait for).
    const fresh = await oidc.clientCredentialsGrant(config);
    await oidc.tokenRevocation(config, fresh.access_token);
    await oidc.tokenRevocation(config, tokens.access_token);
    for (const token of [fresh, tokens]) {
      expect((await oidc.tokenIntrospection(config, token.access_token)).active).toBe(false);
    }

    const wrong = await discover(machine, "not-the-secret");
    expect(await oauthErrorOf(oidc.clientCredentialsGrant(wrong))).toBe("invalid_client");
  });

  it("refuses a reused authorization code and revokes what it issued", async () => {
    const { config, request, callback } = await signIn(thirdParty);
    const checks = { pkceCodeVerifier: request.verifier, expectedState: request.state };
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), checks);
    await expect(oidc.authorizationCodeGrant(config, new URL(callback), checks)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it("lets exactly one of ten concurrent redemptions of a code succeed", async () => {
    const { config, request, callback } = await signIn(thirdParty);
    const code = new URL(callback).searchParams.get("code")!;
    const basic = Buffer.from(`${thirdParty.clientId}:${thirdParty.clientSecret}`).toString("base64");
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(config.serverMetadata().token_endpoint!, {
          method: "POST",
          headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "authorization_code",
            code,
            redirect_uri: REDIRECT,
            code_verifier: request.verifier,
          }),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it.each([
    ["one character differs", `${REDIRECT.slice(0, -1)}X`],
    ["a trailing slash", `${REDIRECT}/`],
    ["an added query", `${REDIRECT}?next=/admin`],
  ])("refuses a redirect URI with %s, without redirecting", async (_label, redirectUri) => {
    const config = await discover(thirdParty);
    const request = await startAuthorization(config, { redirect_uri: redirectUri });
    const response = await fetch(request.url, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(textOf(await response.text())).toContain("This app is not set up correctly");
  });

  it("refuses plain PKCE and a token request without the verifier", async () => {
    const config = await discover(thirdParty);
    const plain = new URL(config.serverMetadata().authorization_endpoint!);
    plain.search = new URLSearchParams({
      client_id: thirdParty.clientId,
      response_type: "code",
      redirect_uri: REDIRECT,
      scope: "openid",
      code_challenge: "a".repeat(43),
      code_challenge_method: "plain",
    }).toString();
    const response = await fetch(plain, { redirect: "manual" });
    const location = new URL(response.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("code")).toBeNull();

    const { callback } = await signIn(thirdParty);
    const basic = Buffer.from(`${thirdParty.clientId}:${thirdParty.clientSecret}`).toString("base64");
    const noVerifier = await fetch(config.serverMetadata().token_endpoint!, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: new URL(callback).searchParams.get("code")!,
        redirect_uri: REDIRECT,
      }),
    });
    expect(noVerifier.status).toBe(400);
    expect(await noVerifier.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("explains an unknown client on a friendly page", async () => {
    const response = await fetch(
      `${server.issuer}/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(textOf(html)).toContain("This app is not registered");
    expect(html).not.toMatch(/at \w+ \(/); // no stack trace
  });

  it("never logs a secret, password or token", async () => {
    const tokenRequests = () => server.logs().split('"path":"/oidc/token"').length - 1;
    const before = tokenRequests();
    // Its own traffic carrying each of them: a sign-in, a code exchange and a client_credentials grant.
    const { config, request, callback } = await signIn(thirdParty);
    await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    await oidc.clientCredentialsGrant(await discover(machine));
    // Request lines are written in batches: wait until both token requests are in.
    await expect
      .poll(tokenRequests, { timeout: 10_000, message: "both token requests logged" })
      .toBeGreaterThanOrEqual(before + 2);
    const logs = server.logs();
    for (const secret of [USER.password, thirdParty.clientSecret!, machine.clientSecret!])
      expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/code=|access_token|refresh_token/);
  });

  it("slows down password guessing and refuses a forged form", async () => {
    const browser = new CookieBrowser();
    const config = await discover(firstParty);
    const request = await startAuthorization(config);
    const page = await browser.follow(request.url, REDIRECT);
    const html = await page.response!.text();
    const action = `${page.url.split("?")[0]}/login`;
    const attempt = (password: string, csrf = hiddenField(html, "csrf")) =>
      browser.fetch(action, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", origin: server.url },
        body: JSON.stringify({ email: "victim@example.com", password, csrf }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).status).toBe(400);
    const blocked = await attempt("guess-5");
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ error: "too_many_attempts" });

    const forged = await browser.submit(action, { email: USER.email, password: USER.password, csrf: "forged" });
    expect(forged.response!.status).toBe(403);
    expect(textOf(await forged.response!.text())).toContain("Something went wrong");
  });

  it("keeps Latchkey's own API out of reach of apps that sign users in", async () => {
    const config = await discover(thirdParty);
    const request = await startAuthorization(config, { resource: `${server.url}/api`, scope: "openid management" });
    const response = await fetch(request.url, { redirect: "manual" });
    expect(new URL(response.headers.get("location")!).searchParams.get("error")).toBe("invalid_target");
  });

  it("keeps another device's tokens when the user signs out on one", async () => {
    const first = await signIn(thirdParty);
    const firstTokens = await oidc.authorizationCodeGrant(first.config, new URL(first.callback), {
      pkceCodeVerifier: first.request.verifier,
      expectedState: first.request.state,
    });
    const second = await signIn(thirdParty);
    const secondTokens = await oidc.authorizationCodeGrant(second.config, new URL(second.callback), {
      pkceCodeVerifier: second.request.verifier,
      expectedState: second.request.state,
    });
    const endSession = oidc.buildEndSessionUrl(second.config, {
      id_token_hint: secondTokens.id_token!,
      post_logout_redirect_uri: LOGOUT_REDIRECT,
    });
    const prompt = await second.browser.follow(endSession.href, LOGOUT_REDIRECT);
    const xsrf = hiddenField(await prompt.response!.text(), "xsrf");
    await second.browser.submit(
      new URL("/oidc/session/end/confirm", server.url).href,
      { xsrf, logout: "yes" },
      LOGOUT_REDIRECT,
    );
    expect((await oidc.tokenIntrospection(second.config, secondTokens.access_token)).active).toBe(false);
    expect((await oidc.tokenIntrospection(first.config, firstTokens.access_token)).active).toBe(true);
  });
});
