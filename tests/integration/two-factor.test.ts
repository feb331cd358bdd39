import { decodeJwt } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACR_PASSWORD, ACR_TWO_FACTOR } from "../../lib/oidc/acr";
import { accountHtml, postAccountForm, tokenOf } from "../support/account-forms";
import { authorize, CookieBrowser, type Page, textOf } from "../support/browserless";
import { type DatabaseKind, databaseKinds, databases } from "../support/databases";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { callApi, signInToPages } from "../support/pages-session";
import { runCliAsync, startServer, type TestServer } from "../support/server";
import { sql } from "../support/sql";
import { authenticatorCode, recoveryCodesOnPage, secretOnPage } from "../support/totp";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const PASSWORD = "correct horse battery";
const WRONG = "someone else's guess";
const WRONG_TEXT = "That is not your current password";
const THROTTLED_TEXT = "Too many wrong passwords. Wait a few minutes, then try again.";

type Created = { clientId: string; clientSecret?: string };

/** A second step that types `codes` in turn, one per page asking for it, keeping each page's text in `pages`. */
function typing(codes: string[], pages: string[]) {
  return (p: Page) => {
    pages.push(textOf(p.html));
    return codes[pages.length - 1] ?? "";
  };
}

/**
 * Two-factor sign-in end to end: a user sets up an authenticator app through the account API,
 * then apps (openid-client) see the second step, `amr` and `acr`; recovery codes work once;
 * requests that ask for two-factor with acr_values get it. Codes are computed by the test's own
 * RFC 6238 helper.
 */
describe.each(databaseKinds)("two-factor sign-in on %s", (kind: DatabaseKind) => {
  let server: TestServer;
  let cleanup: () => void;
  let app: Created;
  /** An app with "Require two-factor" on (made with the CLI flag). */
  let strict: Created;
  let admin: CookieBrowser;
  let users = 0;

  // Asynchronous: a CLI run that blocks the event loop lets the server close the test's idle
  // keep-alive connections unseen, and the next fetch would meet "other side closed".
  const cli = (...args: string[]) => runCliAsync(server.databaseUrl, args, { APP_URL: server.url });

  /** A new user of its own for each test (no test depends on another's state). */
  async function newUser() {
    const email = `user${++users}@example.com`;
    const made = await cli("users", "create", "--email", email, "--password", PASSWORD);
    expect(made.status, made.stderr).toBe(0);
    return { email, password: PASSWORD };
  }

  /** Sets up an authenticator app for the user through /account's API; returns its secret and recovery codes. */
  async function enrol(user: { email: string; password: string }) {
    const browser = await signInToPages(server.url, user, "latchkey-account");
    const started = await callApi(browser, server.url, "POST", "/api/account/two-factor/totp", {
      currentPassword: user.password,
    });
    expect(started.status).toBe(200);
    const secret = started.body.secret as string;
    expect(started.body.otpauthUri).toContain(`secret=${secret}`);
    const wrong = await callApi(browser, server.url, "POST", "/api/account/two-factor/totp/confirm", {
      code: authenticatorCode(secret, Date.now() - 10 * 60_000),
    });
    expect(wrong.status).toBe(400);
    const confirmedWith = authenticatorCode(secret);
    const confirmed = await callApi(browser, server.url, "POST", "/api/account/two-factor/totp/confirm", {
      code: confirmedWith,
    });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(new Set(recoveryCodes).size).toBe(10);
    return { secret, recoveryCodes, confirmedWith, browser };
  }

  /** openid-client's configuration per app, discovered once (fewer connections on a busy machine). */
  const configs = new Map<string, Promise<oidc.Configuration>>();
  function configFor(client: Created) {
    let config = configs.get(client.clientId);
    if (!config) {
      config = discoverClient(server.issuer, client.clientId, client.clientSecret);
      configs.set(client.clientId, config);
    }
    return config;
  }

  /** One authorization by the app through openid-client; the ID token's claims, or the page it stopped on. */
  async function signIn(
    user: { email: string; password: string },
    options: {
      secondFactor?: (p: Page) => string;
      params?: Record<string, string>;
      browser?: CookieBrowser;
      client?: Created;
    } = {},
  ) {
    const client = options.client ?? app;
    const config = await configFor(client);
    const request = await authorizationRequest(config, REDIRECT, { nonce: "n-1", ...options.params });
    const pages: Page[] = [];
    const callback = await authorize(options.browser ?? new CookieBrowser(), request.url, REDIRECT, {
      ...user,
      secondFactor: options.secondFactor,
      onPage: (p) => pages.push(p),
    });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
      expectedNonce: "n-1",
    });
    return { claims: decodeJwt(tokens.id_token ?? ""), pages };
  }

  beforeAll(async () => {
    const db = await databases[kind]();
    cleanup = db.cleanup;
    server = await startServer(db.url);
    const adminMade = await cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password);
    expect(adminMade.status, adminMade.stderr).toBe(0);
    const createApp = async (name: string, ...flags: string[]): Promise<Created> => {
      const args = ["apps", "create", "--name", name, "--type", "traditional", "--redirect-uri", REDIRECT];
      const result = await cli(...args, ...flags, "--json");
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    };
    app = await createApp("Wiki");
    strict = await createApp("Payroll", "--require-two-factor");
    admin = await signInToPages(server.url, ADMIN);
  });

  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  it("advertises its acr values in discovery", async () => {
    const discovery = await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery.acr_values_supported).toEqual([ACR_PASSWORD, ACR_TWO_FACTOR]);
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(["acr", "amr"]));
  });

  it("signs a user without a second factor in with the password alone (amr pwd)", async () => {
    const { claims } = await signIn(await newUser());
    expect(claims.amr).toEqual(["pwd"]);
    expect(claims.acr).toBe(ACR_PASSWORD);
  });

  it("asks for the app's code after the password, and says so in amr and acr", async () => {
    const user = await newUser();
    const { secret } = await enrol(user);
    // The password alone stops at the second step; the app gets nothing.
    await expect(signIn(user)).rejects.toThrow(/asked for a second factor \(second-factor\)/);

    let shown = "";
    const { claims } = await signIn(user, {
      secondFactor: (p) => {
        shown = textOf(p.html);
        // The enrolment spent this time step's code; the next step's is within the accepted window.
        return authenticatorCode(secret, Date.now() + 30_000);
      },
    });
    expect(shown).toContain("Two-factor authentication");
    expect(claims.amr).toEqual(expect.arrayContaining(["pwd", "otp", "mfa"]));
    expect(claims.acr).toBe(ACR_TWO_FACTOR);
  });

  it("refuses a wrong code and a used one, lets a recovery code in once, and audits it all", async () => {
    const user = await newUser();
    const { recoveryCodes, confirmedWith } = await enrol(user);
    // The code that confirmed the app is spent: typed again (a replay), it is refused.
    const pages: string[] = [];
    const viaRecovery = await signIn(user, {
      secondFactor: typing(["000000", confirmedWith, recoveryCodes[0]], pages),
    });
    expect(pages).toHaveLength(3);
    expect(pages[1]).toContain("That code is not right");
    expect(pages[2]).toContain("That code is not right");
    expect(viaRecovery.claims.amr).toEqual(expect.arrayContaining(["pwd", "otp", "mfa"]));

    // The same recovery code again is refused (the flow never reaches the app).
    const again: string[] = [];
    await expect(
      signIn(user, {
        secondFactor: (p) => {
          again.push(textOf(p.html));
          return recoveryCodes[0];
        },
      }),
    ).rejects.toThrow(/did not return to the app/);
    expect(again[1]).toContain("That code is not right");

    const audit = await callApi(admin, server.url, "GET", "/api/v1/audit?pageSize=100");
    expect(audit.status).toBe(200);
    const userId = viaRecovery.claims.sub;
    const types = (audit.body.items as { type: string; userId: string }[])
      .filter((e) => e.userId === userId)
      .map((e) => e.type);
    expect(types).toContain("two_factor.enrolled");
    expect(types.filter((t) => t === "two_factor.failed").length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === "two_factor.recovery_code_used")).toHaveLength(1);
  });

  it("honours acr_values: a user without a second factor sets one up within the sign-in", async () => {
    const user = await newUser();
    let secret = "";
    let codes: string[] = [];
    const { claims } = await signIn(user, {
      params: { acr_values: ACR_TWO_FACTOR },
      secondFactor: (p) => {
        secret = secretOnPage(p.html);
        return authenticatorCode(secret);
      },
      browser: new CookieBrowser(),
    }).then((result) => {
      codes = recoveryCodesOnPage(result.pages.map((p) => p.html).join(""));
      return result;
    });
    expect(claims.acr).toBe(ACR_TWO_FACTOR);
    expect(claims.amr).toEqual(expect.arrayContaining(["pwd", "otp", "mfa"]));
    expect(codes).toHaveLength(10);
    // From now on the app is asked for at every sign-in, acr_values or not.
    await expect(signIn(user)).rejects.toThrow(/second-factor/);
  });

  it("asks a signed-in user for the second factor alone when an app needs more than the session has", async () => {
    const user = await newUser();
    const browser = new CookieBrowser();
    const first = await signIn(user, { browser });
    expect(first.claims.acr).toBe(ACR_PASSWORD);
    const stepUp = await signIn(
      { email: "", password: "" },
      {
        browser,
        params: { acr_values: ACR_TWO_FACTOR },
        secondFactor: (p) => authenticatorCode(secretOnPage(p.html)),
      },
    );
    expect(stepUp.pages.some((p) => p.html.includes('/login"'))).toBe(false);
    expect(stepUp.claims.sub).toBe(first.claims.sub);
    expect(stepUp.claims.acr).toBe(ACR_TWO_FACTOR);
  });

  it("enforces an app's Require two-factor: set up within the sign-in, or a step up from a password session", async () => {
    const exported = await callApi(admin, server.url, "GET", "/api/v1/applications/export");
    const payroll = (exported.body.applications as { clientId: string; requireTwoFactor: boolean }[]).find(
      (a) => a.clientId === strict.clientId,
    );
    expect(payroll?.requireTwoFactor).toBe(true);

    const user = await newUser();
    const browser = new CookieBrowser();
    // The ordinary app takes the password alone...
    expect((await signIn(user, { browser })).claims.acr).toBe(ACR_PASSWORD);
    // ...the strict one, on the same session, has the user set up an app (no password asked again).
    let secret = "";
    const strictSignIn = await signIn(
      { email: "", password: "" },
      {
        browser,
        client: strict,
        secondFactor: (p) => {
          secret = secretOnPage(p.html);
          return authenticatorCode(secret);
        },
      },
    );
    expect(strictSignIn.claims.acr).toBe(ACR_TWO_FACTOR);
    expect(strictSignIn.claims.amr).toEqual(expect.arrayContaining(["otp", "mfa"]));
    expect(strictSignIn.pages.some((p) => p.html.includes('/login"'))).toBe(false);
    // A fresh browser with the password alone does not get into the strict app.
    await expect(signIn(user, { client: strict })).rejects.toThrow(/second-factor/);
  });

  it("lets an admin see and reset a user's factors, audited; the user then signs in with the password", async () => {
    const user = await newUser();
    await enrol(user);
    await expect(signIn(user)).rejects.toThrow(/second-factor/);
    const list = await callApi(admin, server.url, "GET", `/api/v1/users?q=${encodeURIComponent(user.email)}`);
    const id = (list.body.items as { id: string }[])[0].id;
    const status = await callApi(admin, server.url, "GET", `/api/v1/users/${id}/two-factor`);
    expect(status.body.totp?.enabledAt).toBeTruthy();
    expect(status.body.recoveryCodesLeft).toBe(10);
    expect((await callApi(admin, server.url, "DELETE", `/api/v1/users/${id}/two-factor`)).status).toBe(204);
    const after = await callApi(admin, server.url, "GET", `/api/v1/users/${id}/two-factor`);
    expect(after.body).toEqual({ totp: null, recoveryCodesLeft: 0, passkeys: [] });
    const audit = await callApi(admin, server.url, "GET", `/api/v1/audit?type=two_factor.reset&userId=${id}`);
    expect(audit.body.items[0]?.actor).toBe(ADMIN.email);
    expect((await signIn(user)).claims.amr).toEqual(["pwd"]);
  });

  it("turns two-factor off at /account only with a current code or a recovery code", async () => {
    const user = await newUser();
    const { recoveryCodes, browser } = await enrol(user);
    const remove = (body: Record<string, string>) =>
      callApi(browser, server.url, "POST", "/api/account/two-factor/remove", body);
    expect((await remove({})).body).toEqual({ error: "invalid_code" });
    expect((await remove({ code: "000000" })).status).toBe(400);

    // The card's form, posted without script: back to /account with the error by the code field.
    const html = await (await browser.fetch(`${server.url}/account`)).text();
    const token = /action="\/api\/account\/two-factor\/remove"[\s\S]*?name="token" value="([^"]*)"/.exec(html)?.[1];
    expect(token, "the remove form carries its token").toBeTruthy();
    expect(html).toMatch(/name="code"/);
    const posted = await browser.fetch(`${server.url}/api/account/two-factor/remove`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ token: token ?? "", code: "123456" }).toString(),
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/account?two_factor=invalid_code#two-factor");
    const refused = await (await browser.fetch(`${server.url}/account?two_factor=invalid_code`)).text();
    expect(textOf(refused)).toContain("That code is not right");
    await expect(signIn(user)).rejects.toThrow(/second-factor/);

    expect((await remove({ code: recoveryCodes[1] })).status).toBe(204);
    expect((await signIn(user)).claims.amr).toEqual(["pwd"]);
  });

  /** Rows the user has in a two-factor table (a started enrolment, recovery codes). */
  async function rows(table: "TotpFactor" | "RecoveryCode", email: string) {
    const found = await sql<{ n: number | string }>(
      server.databaseUrl,
      `SELECT COUNT(*) AS n FROM "${table}" t JOIN "User" u ON u.id = t."userId" WHERE u.email = $1`,
      email,
    );
    return Number(found[0].n);
  }

  it("starts adding an authenticator app only with the current password (JSON and a plain form)", async () => {
    const user = await newUser();
    const browser = await signInToPages(server.url, user, "latchkey-account");
    const start = (body: Record<string, string>) =>
      callApi(browser, server.url, "POST", "/api/account/two-factor/totp", body);
    const missing = await start({});
    expect(missing.status).toBe(400);
    expect(missing.body.errors.currentPassword).toEqual(["Enter your password"]);
    const wrong = await start({ currentPassword: WRONG });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.currentPassword).toEqual([WRONG_TEXT]);
    expect(wrong.body.secret).toBeUndefined();
    expect(await rows("TotpFactor", user.email)).toBe(0);

    // Without script: back to /account, the error beside the card's password field, no QR page.
    const form = "/api/account/two-factor/totp";
    const refused = await postAccountForm(browser, server.url, form, { currentPassword: WRONG });
    expect(refused.location).toBe("/account?two_factor=password_wrong");
    expect(refused.page).toContain(WRONG_TEXT);
    const empty = await postAccountForm(browser, server.url, form, { currentPassword: "" });
    expect(empty.location).toBe("/account?two_factor=password_required");
    expect(await rows("TotpFactor", user.email)).toBe(0);
    const html = await accountHtml(browser, server.url, "/account?two_factor=password_wrong");
    expect(html).toMatch(/<input(?=[^>]*id="two-factor-setup-password")(?=[^>]*aria-invalid="true")[^>]*>/);

    const started = await postAccountForm(browser, server.url, form, { currentPassword: PASSWORD });
    expect(started.location).toBe("/account/two-factor");
    expect(started.page).toContain("Scan the QR code");
    expect(await rows("TotpFactor", user.email)).toBe(1);
  });

  it("lets a set-up be finished only within 10 minutes of starting it; then it starts again with a new secret", async () => {
    const user = await newUser();
    const browser = await signInToPages(server.url, user, "latchkey-account");
    const start = () =>
      callApi(browser, server.url, "POST", "/api/account/two-factor/totp", { currentPassword: PASSWORD });
    const first = await start();
    expect(first.status).toBe(200);
    // Started eleven minutes ago (and left open on a shared computer, say).
    await sql(
      server.databaseUrl,
      'UPDATE "TotpFactor" SET "createdAt" = $1 WHERE "userId" = (SELECT id FROM "User" WHERE email = $2)',
      new Date(Date.now() - 11 * 60_000),
      user.email,
    );
    const code = authenticatorCode(first.body.secret);
    const late = await callApi(browser, server.url, "POST", "/api/account/two-factor/totp/confirm", { code });
    expect(late.status).toBe(404);
    // The QR page's form (no script): the card's forms and it carry the same anti-forgery token.
    const token = tokenOf(await accountHtml(browser, server.url), "/api/account/two-factor/totp");
    const form = await browser.fetch(`${server.url}/api/account/two-factor/totp/confirm`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ token, code }).toString(),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/account?two_factor=setup_expired");
    expect(textOf(await accountHtml(browser, server.url, "/account?two_factor=setup_expired"))).toContain(
      "took more than 10 minutes",
    );
    expect(await rows("RecoveryCode", user.email)).toBe(0);

    // Starting again (with the password) gives a new secret, which works.
    const second = await start();
    expect(second.status).toBe(200);
    expect(second.body.secret).not.toBe(first.body.secret);
    const confirmed = await callApi(browser, server.url, "POST", "/api/account/two-factor/totp/confirm", {
      code: authenticatorCode(second.body.secret),
    });
    expect(confirmed.status).toBe(200);
  });

  it("makes new recovery codes only with the current password; refused, the old ones still work", async () => {
    const user = await newUser();
    const { recoveryCodes, browser } = await enrol(user);
    const regenerate = (body: Record<string, string>) =>
      callApi(browser, server.url, "POST", "/api/account/two-factor/recovery-codes", body);
    expect((await regenerate({})).status).toBe(400);
    const wrong = await regenerate({ currentPassword: WRONG });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.currentPassword).toEqual([WRONG_TEXT]);
    expect(wrong.body.recoveryCodes).toBeUndefined();
    const refused = await postAccountForm(browser, server.url, "/api/account/two-factor/recovery-codes", {
      currentPassword: WRONG,
    });
    expect(refused.location).toBe("/account?two_factor=password_wrong");
    expect(refused.page).toContain(WRONG_TEXT);
    expect(await rows("RecoveryCode", user.email)).toBe(10);
    const viaOld = await signIn(user, { secondFactor: () => recoveryCodes[0] });
    expect(viaOld.claims.amr).toEqual(expect.arrayContaining(["pwd", "otp", "mfa"]));

    const made = await regenerate({ currentPassword: PASSWORD });
    expect(made.status).toBe(200);
    const fresh = made.body.recoveryCodes as string[];
    expect(new Set(fresh).size).toBe(10);
    // The new codes replace the old: one the owner still had is refused, a new one lets them in.
    const pages: string[] = [];
    const viaNew = await signIn(user, { secondFactor: typing([recoveryCodes[1], fresh[0]], pages) });
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain("That code is not right");
    expect(viaNew.claims.amr).toContain("mfa");
  });

  it("no longer lets an open session mint a recovery code and turn two-factor off (the review's chain)", async () => {
    const user = await newUser();
    const { browser } = await enrol(user);
    const minted = await callApi(browser, server.url, "POST", "/api/account/two-factor/recovery-codes", {});
    expect(minted.status).toBe(400);
    expect(minted.body.recoveryCodes).toBeUndefined();
    const removed = await callApi(browser, server.url, "POST", "/api/account/two-factor/remove", { code: "" });
    expect(removed.body).toEqual({ error: "invalid_code" });
    expect(await rows("TotpFactor", user.email)).toBe(1);
    await expect(signIn(user)).rejects.toThrow(/second-factor/);
  });

  it("holds these forms with the password and email changes' counter after five wrong passwords", async () => {
    const user = await newUser();
    const browser = await signInToPages(server.url, user, "latchkey-account");
    for (let i = 0; i < 5; i++) {
      const wrong = await postAccountForm(browser, server.url, "/api/account/password", {
        currentPassword: WRONG,
        password: "new password 22",
        confirmPassword: "new password 22",
      });
      expect(wrong.location, `guess ${i + 1}`).toContain("error.currentPassword=currentPasswordWrong");
    }
    const held = await callApi(browser, server.url, "POST", "/api/account/two-factor/totp", {
      currentPassword: PASSWORD,
    });
    expect(held.status).toBe(429);
    // The throttle's first hold is 30 s (lib/auth/throttle.ts): the client is told when to come back.
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(held.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    expect(held.body.errors.currentPassword).toEqual([THROTTLED_TEXT]);
    const form = await postAccountForm(browser, server.url, "/api/account/two-factor/totp", {
      currentPassword: PASSWORD,
    });
    expect(form.location).toBe("/account?two_factor=password_throttled");
    expect(form.page).toContain(THROTTLED_TEXT);
    expect(await rows("TotpFactor", user.email)).toBe(0);
  });

  // Last: it changes the setting every other test depends on (and puts it back).
  it("has everyone set up an app at their next sign-in when the console requires two-factor", async () => {
    const user = await newUser();
    const set = await callApi(admin, server.url, "PUT", "/api/v1/settings/two-factor", { policy: "required" });
    expect(set.status).toBe(200);
    try {
      const bad = await callApi(admin, server.url, "PUT", "/api/v1/settings/two-factor", { policy: "always" });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors)).toEqual(["policy"]);
      const { claims, pages } = await signIn(user, { secondFactor: (p) => authenticatorCode(secretOnPage(p.html)) });
      expect(claims.acr).toBe(ACR_TWO_FACTOR);
      expect(pages.some((p) => p.html.includes("Set up an authenticator app"))).toBe(true);
    } finally {
      await callApi(admin, server.url, "PUT", "/api/v1/settings/two-factor", { policy: "optional" });
    }
    const audit = await callApi(admin, server.url, "GET", "/api/v1/audit?type=two_factor.policy_set");
    expect(audit.body.items.length).toBeGreaterThanOrEqual(2);
  });
});
