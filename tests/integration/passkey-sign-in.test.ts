import { decodeJwt } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACR_TWO_FACTOR } from "../../lib/oidc/acr";
import { TestAuthenticator } from "../support/authenticator";
import { CookieBrowser, hiddenField } from "../support/browserless";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { callApi, signInToPages } from "../support/pages-session";
import { startServer, type TestServer, tempSqlite } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const PASSWORD = "correct horse battery";

/**
 * Passkeys through the server's real endpoints, as the pages' script drives them: added at
 * /account's API, then a sign-in with no password and one as the second step, each ending in an
 * ID token (openid-client) whose amr and acr say so. The authenticator is the tests' own
 * (Node's crypto), so answers can be replayed and swapped on purpose.
 */
describe("passkey sign-in over HTTP", () => {
  let server: TestServer;
  let cleanup: () => void;
  let app: { clientId: string; clientSecret: string };
  let admin: CookieBrowser;
  let users = 0;

  beforeAll(async () => {
    const db = tempSqlite();
    cleanup = db.cleanup;
    server = await startServer(db.url);
    expect((await server.cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password)).status).toBe(0);
    const args = ["apps", "create", "--name", "Wiki", "--type", "traditional", "--redirect-uri", REDIRECT, "--json"];
    const created = await server.cli(...args);
    expect(created.status, created.stderr).toBe(0);
    app = JSON.parse(created.stdout);
    admin = await signInToPages(server.url, ADMIN);
  });
  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  /** A new user with a passkey added through /account's API. */
  async function userWithPasskey() {
    const user = { email: `pk${++users}@example.com`, password: PASSWORD };
    expect((await server.cli("users", "create", "--email", user.email, "--password", PASSWORD)).status).toBe(0);
    const browser = await signInToPages(server.url, user, "latchkey-account");
    const authenticator = new TestAuthenticator(new URL(server.url).hostname, server.url);
    const options = await callApi(browser, server.url, "POST", "/api/account/passkeys/options", {
      currentPassword: PASSWORD,
    });
    expect(options.status).toBe(200);
    const response = authenticator.register(options.body.challenge);
    const added = await callApi(browser, server.url, "POST", "/api/account/passkeys", { name: "Laptop", response });
    expect(added.status).toBe(201);
    // The same answer again: its challenge is gone.
    const again = await callApi(browser, server.url, "POST", "/api/account/passkeys", { name: "Copy", response });
    expect(again.status).toBe(400);
    const list = await callApi(admin, server.url, "GET", `/api/v1/users?q=${encodeURIComponent(user.email)}`);
    const id = (list.body.items as { id: string }[])[0].id;
    return { ...user, id, authenticator, handle: Buffer.from(id).toString("base64url") };
  }

  /** Starts the app's sign-in; the page it stops on, and how to finish the app's side. */
  async function start(browser: CookieBrowser) {
    const config = await discoverClient(server.issuer, app.clientId, app.clientSecret);
    const request = await authorizationRequest(config, REDIRECT, { nonce: "n-1" });
    const landed = await browser.follow(request.url, REDIRECT);
    const html = (await landed.response?.text()) ?? "";
    const base = landed.url.split("?")[0];
    return { config, request, base, html, csrf: hiddenField(html, "csrf") };
  }

  /** The pages' script's two calls: options, then the signed answer. */
  async function passkeyCall(browser: CookieBrowser, url: string, body: Record<string, string>) {
    const response = await browser.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", origin: server.url },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function finish(browser: CookieBrowser, started: Awaited<ReturnType<typeof start>>, location: string) {
    const back = await browser.follow(new URL(location, server.url).href, REDIRECT);
    const tokens = await oidc.authorizationCodeGrant(started.config, new URL(back.url), {
      pkceCodeVerifier: started.request.verifier,
      expectedNonce: "n-1",
    });
    return decodeJwt(tokens.id_token ?? "");
  }

  it("signs in with a passkey and no password (amr hwk, mfa; two-factor acr), and refuses the answer replayed", async () => {
    const user = await userWithPasskey();
    const browser = new CookieBrowser();
    const started = await start(browser);
    expect(started.html).toContain(`data-passkey="${new URL(started.base).pathname}"`);
    const options = await passkeyCall(browser, `${started.base}/passkey-options`, { csrf: started.csrf });
    expect(options.status).toBe(200);
    const answer = JSON.stringify(user.authenticator.assert(String(options.body.challenge), user.handle));
    const signedIn = await passkeyCall(browser, `${started.base}/passkey`, { csrf: started.csrf, response: answer });
    expect(signedIn.status).toBe(200);
    const claims = await finish(browser, started, String(signedIn.body.location));
    expect(claims.sub).toBe(user.id);
    expect(claims.amr).toEqual(["hwk", "mfa"]);
    expect(claims.acr).toBe(ACR_TWO_FACTOR);

    // Someone who copied the answer tries it in a sign-in of their own.
    const thief = new CookieBrowser();
    const other = await start(thief);
    const replayed = await passkeyCall(thief, `${other.base}/passkey`, { csrf: other.csrf, response: answer });
    expect(replayed.status).toBe(400);
    expect(replayed.body.error).toBe("passkey_refused");
    // Without the right anti-forgery token nothing is checked at all.
    const forged = await passkeyCall(thief, `${other.base}/passkey-options`, { csrf: "x" });
    expect(forged.status).toBe(403);
  });

  it("takes a passkey as the second step after a password, but only the user's own", async () => {
    const user = await userWithPasskey();
    const stranger = await userWithPasskey();
    const browser = new CookieBrowser();
    const started = await start(browser);
    const afterPassword = await browser.submit(
      `${started.base}/login`,
      { email: user.email, password: PASSWORD, csrf: started.csrf },
      REDIRECT,
    );
    const page = (await afterPassword.response?.text()) ?? "";
    // A user whose only second factor is a passkey is offered it alone: no code form.
    expect(page).toContain(`data-passkey="${new URL(started.base).pathname}"`);
    expect(page).not.toContain(`action="${new URL(started.base).pathname}/second-factor"`);

    const options = await passkeyCall(browser, `${started.base}/passkey-options`, { csrf: started.csrf });
    expect(options.body.allowCredentials).toEqual([expect.objectContaining({ id: user.authenticator.id })]);
    const wrong = JSON.stringify(stranger.authenticator.assert(String(options.body.challenge), stranger.handle));
    const refused = await passkeyCall(browser, `${started.base}/passkey`, { csrf: started.csrf, response: wrong });
    expect(refused.status).toBe(400);

    const fresh = await passkeyCall(browser, `${started.base}/passkey-options`, { csrf: started.csrf });
    const right = JSON.stringify(user.authenticator.assert(String(fresh.body.challenge), user.handle));
    const accepted = await passkeyCall(browser, `${started.base}/passkey`, { csrf: started.csrf, response: right });
    expect(accepted.status).toBe(200);
    const claims = await finish(browser, started, String(accepted.body.location));
    expect(claims.sub).toBe(user.id);
    expect(claims.amr).toEqual(["pwd", "hwk", "mfa"]);

    const audit = await callApi(admin, server.url, "GET", `/api/v1/audit?type=passkey.used&userId=${user.id}`);
    expect(audit.body.items).toHaveLength(1);
  });

  it("lets an admin see a user's passkeys and remove them with Reset two-factor, audited", async () => {
    const user = await userWithPasskey();
    const status = await callApi(admin, server.url, "GET", `/api/v1/users/${user.id}/two-factor`);
    expect(status.body.passkeys).toEqual([expect.objectContaining({ name: "Laptop", lastUsedAt: null })]);
    expect((await callApi(admin, server.url, "DELETE", `/api/v1/users/${user.id}/two-factor`)).status).toBe(204);
    const after = await callApi(admin, server.url, "GET", `/api/v1/users/${user.id}/two-factor`);
    expect(after.body.passkeys).toEqual([]);
    const audit = await callApi(admin, server.url, "GET", `/api/v1/audit?type=two_factor.reset&userId=${user.id}`);
    expect(audit.body.items[0]?.before).toMatchObject({ passkeys: 1 });
  });
});
