import * as oidc from "openid-client";
import { beforeAll, describe, expect, it } from "vitest";
import { CookieBrowser, hiddenField, signInOnPage, textOf } from "../support/browserless";
import { type DatabaseKind, databaseKinds, databases } from "../support/databases";
import { mailingServerFor } from "../support/mailing-server";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { callApi, signInToPages } from "../support/pages-session";
import { runCliAsync, startServer, type TestServer } from "../support/server";
import { openSignIn } from "../support/sign-in-attempts";
import type { TestSmtp } from "../support/smtp";
import { sql } from "../support/sql";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const PASSWORD = "my own new password";

/**
 * "Create account" from the sign-in page, when an admin switches it on: a link to the address
 * before the account exists, then back into the sign-in in progress; the same answer for an
 * address that has an account (which is told by email); throttled like recovery.
 */
describe.each(databaseKinds)("self-registration on %s", (kind: DatabaseKind) => {
  const mailing = mailingServerFor(kind, { TRUST_PROXY: "true" });
  const { cli } = mailing;
  let server: TestServer;
  let smtp: TestSmtp;
  let admin: CookieBrowser;
  let app: { clientId: string; clientSecret: string };
  let addresses = 0;
  // Each test posts from client addresses of its own, so throttling never crosses tests.
  const newAddress = () => `203.0.113.${++addresses}`;

  const setting = (enabled: boolean) =>
    callApi(admin, server.url, "PUT", "/api/v1/settings/self-registration", { enabled });

  beforeAll(async () => {
    ({ server, smtp } = mailing);
    const made = await cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password);
    expect(made.status, made.stderr).toBe(0);
    const created = await cli(
      ...["apps", "create", "--name", "Wiki", "--type", "third-party", "--redirect-uri", REDIRECT, "--json"],
    );
    expect(created.status, created.stderr).toBe(0);
    app = JSON.parse(created.stdout);
    admin = await signInToPages(server.url, ADMIN);
  });

  /** The app sends a fresh browser to sign in; returns the interaction's uid and the sign-in page. */
  async function startSignIn(browser: CookieBrowser) {
    const config = await discoverClient(server.issuer, app.clientId, app.clientSecret);
    const request = await authorizationRequest(config, REDIRECT, { state: "r1" });
    const landed = await browser.follow(request.url, REDIRECT);
    const html = (await landed.response?.text()) ?? "";
    return { config, request, html, uid: landed.url.match(/\/interaction\/([^/?]+)/)?.[1] ?? "" };
  }

  /** Posts the sign-up form as a browser without script, from `address`. */
  async function signUp(browser: CookieBrowser, uid: string, fields: Record<string, string>, address = newAddress()) {
    const page = await browser.fetch(`${server.url}/register?uid=${uid}`);
    expect(page.status).toBe(200);
    const csrf = hiddenField(await page.text(), "csrf");
    return browser.fetch(`${server.url}/register`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, "x-forwarded-for": address },
      body: new URLSearchParams({ csrf, uid, ...fields }).toString(),
    });
  }

  it("is off by default: no link on the sign-in page and no sign-up page", async () => {
    const { html } = await startSignIn(new CookieBrowser());
    expect(textOf(html)).toContain("Sign in");
    expect(html).not.toContain('href="/register');
    const page = await new CookieBrowser().fetch(`${server.url}/register`);
    expect(page.status).toBe(404);
    expect((await callApi(admin, server.url, "GET", "/api/v1/settings/self-registration")).body).toEqual({
      enabled: false,
    });
  });

  it("signs up, proves the address by its link, and returns to the sign-in in progress, signed in to the app", async () => {
    expect((await setting(true)).status).toBe(200);
    const email = `newcomer-${kind}@example.com`;
    const browser = new CookieBrowser();
    const { uid, html, config, request } = await startSignIn(browser);
    expect(html).toContain(`href="/register?uid=${uid}"`);

    const mismatch = await signUp(browser, uid, { email, name: "Nia", password: PASSWORD, confirmPassword: "other" });
    expect(mismatch.status).toBe(400);
    const refused = textOf(await mismatch.text());
    expect(refused).toContain("The passwords do not match");
    const noName = await signUp(browser, uid, { email, name: "", password: PASSWORD, confirmPassword: PASSWORD });
    expect(textOf(await noName.text())).toContain("Enter a name");

    const since = smtp.received.length;
    const sent = await signUp(browser, uid, {
      email,
      name: "Nia Newcomer",
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/register?sent=1&uid=${uid}`);
    const mail = await smtp.waitForMail(email, since);
    expect(mail.subject).toBe(`Finish creating your account on Latchkey at ${new URL(server.url).host}`);
    const link = mail.link(`${server.url}/register/verify?token=`);

    // No account before the link is followed: the password does not sign in.
    expect((await (await openSignIn(server.url)).attempt(email, PASSWORD)).status).toBe(400);
    expect(await sql(server.databaseUrl, 'SELECT id FROM "User" WHERE email = $1', email)).toEqual([]);

    // The link asks for the password chosen at sign-up: opening it (a mail scanner does) makes
    // nothing, and neither does someone who did not choose the password.
    const opened = await browser.fetch(link);
    expect(opened.status).toBe(200);
    const confirmHtml = await opened.text();
    expect(textOf(confirmHtml)).toContain(`Type the password you chose when you signed up as ${email}`);
    const confirm = (password: string, csrf = hiddenField(confirmHtml, "csrf")) =>
      browser.fetch(`${server.url}/register/verify`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
        body: new URLSearchParams({ csrf, token: hiddenField(confirmHtml, "token"), password }).toString(),
      });
    expect((await confirm(PASSWORD, "forged")).status).toBe(403);
    const wrong = await confirm("someone else's guess");
    expect(wrong.status).toBe(400);
    expect(textOf(await wrong.text())).toContain("This is not the password chosen at sign-up");
    expect(await sql(server.databaseUrl, 'SELECT id FROM "User" WHERE email = $1', email)).toEqual([]);
    const followed = await confirm(PASSWORD);
    expect(followed.status).toBe(303);
    expect(followed.headers.get("location")).toBe(`/interaction/${uid}?notice=registered`);
    const back = await browser.fetch(`${server.url}/interaction/${uid}?notice=registered`);
    const page = await back.text();
    expect(textOf(page)).toContain("Your account is ready and your address is confirmed");
    const again = await new CookieBrowser().fetch(link);
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain("This link no longer works");
    expect((await confirm(PASSWORD)).status).toBe(400);

    const callback = await signInOnPage(browser, server.url, uid, page, { email, password: PASSWORD }, REDIRECT);
    expect(callback, "the app got its code").toContain("code=");
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
      expectedState: "r1",
    });
    expect(tokens.claims()?.email).toBe(email);
    expect(tokens.claims()?.email_verified).toBe(true);
    const audit = await sql<{ type: string }>(
      server.databaseUrl,
      'SELECT type FROM "AuditEvent" WHERE type IN ($1, $2, $3)',
      "user.registration_requested",
      "user.registered",
      "registration.setting_set",
    );
    expect(audit.map((row) => row.type)).toEqual(
      expect.arrayContaining(["user.registration_requested", "user.registered", "registration.setting_set"]),
    );
  });

  it("answers the same for an address with an account, tells that address, and changes nothing", async () => {
    expect((await setting(true)).status).toBe(200);
    const existing = `taken-${kind}@example.com`;
    const made = await cli("users", "create", "--email", existing, "--password", "the real owner 1");
    expect(made.status, made.stderr).toBe(0);
    const browser = new CookieBrowser();
    const { uid } = await startSignIn(browser);
    const since = smtp.received.length;
    const fields = { name: "Mallory", password: PASSWORD, confirmPassword: PASSWORD };
    const taken = await signUp(browser, uid, { email: existing, ...fields });
    const free = await signUp(browser, uid, { email: `free-${kind}@example.com`, ...fields });
    expect(taken.status).toBe(303);
    expect(taken.headers.get("location")).toBe(free.headers.get("location"));

    const told = await smtp.waitForMail(existing, since);
    expect(told.subject).toContain("Someone tried to create an account");
    expect(told.text).not.toContain("/register/verify");
    // The owner's password still works; the sign-up's does not.
    const signIn = await openSignIn(server.url);
    expect((await signIn.attempt(existing, PASSWORD)).status).toBe(400);
    expect((await signIn.attempt(existing, "the real owner 1")).status).toBe(200);
  });

  it("throttles per address typed and per client address, expires links, and closes when switched off", async () => {
    expect((await setting(true)).status).toBe(200);
    const browser = new CookieBrowser();
    const { uid } = await startSignIn(browser);
    const email = `eager-${kind}@example.com`;
    const fields = { name: "Eager", password: PASSWORD, confirmPassword: PASSWORD };
    const answers: (string | null)[] = [];
    for (let i = 0; i < 4; i++)
      answers.push((await signUp(browser, uid, { email, ...fields })).headers.get("location"));
    expect(answers.slice(0, 3)).toEqual(Array(3).fill(`/register?sent=1&uid=${uid}`));
    expect(answers[3]).toMatch(/^\/register\?retry_after=\d+&uid=/);
    const wait = await browser.fetch(`${server.url}${answers[3]}`);
    expect(textOf(await wait.text())).toMatch(/Too many requests\. Try again in \d+ (seconds|minutes)/);

    const address = newAddress();
    const spray: (string | null)[] = [];
    for (let i = 0; i < 7; i++)
      spray.push(
        (await signUp(browser, uid, { email: `spray${i}-${kind}@example.com`, ...fields }, address)).headers.get(
          "location",
        ),
      );
    expect(spray[6]).toContain("retry_after=");

    // A link a day old no longer works.
    const since = smtp.received.length;
    const late = `late-${kind}@example.com`;
    await signUp(browser, uid, { email: late, ...fields });
    const link = (await smtp.waitForMail(late, since)).link(`${server.url}/register/verify?token=`);
    await sql(
      server.databaseUrl,
      'UPDATE "PendingRegistration" SET "expiresAt" = $1 WHERE email = $2',
      new Date(Date.now() - 1000),
      late,
    );
    expect((await new CookieBrowser().fetch(link)).status).toBe(400);

    // Switched off, the pages are gone and a link sent before does not make an account.
    expect((await setting(false)).status).toBe(200);
    expect((await browser.fetch(`${server.url}/register?uid=${uid}`)).status).toBe(404);
  });

  it("cannot be switched on while email is not configured", async () => {
    const db = await databases[kind]();
    const bare = await startServer(db.url);
    try {
      const made = await runCliAsync(
        bare.databaseUrl,
        ["admins", "create", "--email", ADMIN.email, "--password", ADMIN.password],
        {
          APP_URL: bare.url,
        },
      );
      expect(made.status, made.stderr).toBe(0);
      const adminPages = await signInToPages(bare.url, ADMIN);
      const refused = await callApi(adminPages, bare.url, "PUT", "/api/v1/settings/self-registration", {
        enabled: true,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toContain("set SMTP_URL");
      const users = textOf(await (await adminPages.fetch(`${bare.url}/users`)).text());
      expect(users).toContain("self-registration cannot be switched on");
    } finally {
      await bare.stop();
      db.cleanup();
    }
  });
});
