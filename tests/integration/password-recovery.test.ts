import { createHash } from "node:crypto";
import * as oidc from "openid-client";
import { beforeAll, describe, expect, it } from "vitest";
import {
  authorize,
  CookieBrowser,
  choosePasswordByLink,
  hiddenField,
  signInOnPage,
  textOf,
} from "../support/browserless";
import { type DatabaseKind, databaseKinds } from "../support/databases";
import { mailingServerFor } from "../support/mailing-server";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import type { TestServer } from "../support/server";
import type { TestSmtp } from "../support/smtp";
import { sql as query } from "../support/sql";

const REDIRECT = "http://127.0.0.1:9/callback";
const OLD = "old password 1";
const NEW = "brand new password 2";

describe.each(databaseKinds)("password recovery by email, on a real SMTP server, on %s", (kind: DatabaseKind) => {
  const mailing = mailingServerFor(kind, { TRUST_PROXY: "true" });
  const { cli } = mailing;
  let server: TestServer;
  let smtp: TestSmtp;
  let app: { clientId: string; clientSecret: string };
  let users = 0;
  let addresses = 0;
  // Each test asks from addresses and for accounts of its own, so throttling never crosses tests.
  const newAddress = () => `198.51.100.${++addresses}`;

  beforeAll(async () => {
    ({ server, smtp } = mailing);
    const created = await cli(
      ...["apps", "create", "--name", "Wiki", "--type", "third-party", "--redirect-uri", REDIRECT, "--json"],
    );
    expect(created.status, created.stderr).toBe(0);
    app = JSON.parse(created.stdout);
  });

  async function newUser() {
    const email = `user${++users}@example.com`;
    const made = await cli("users", "create", "--email", email, "--password", OLD);
    expect(made.status, made.stderr).toBe(0);
    return email;
  }

  const sql = <T>(text: string, ...params: unknown[]) => query<T>(server.databaseUrl, text, ...params);

  /** The app sends the browser to sign in; returns the interaction's uid and what the app needs. */
  async function startSignIn(browser: CookieBrowser, params: Record<string, string> = {}) {
    const config = await discoverClient(server.issuer, app.clientId, app.clientSecret);
    const request = await authorizationRequest(config, REDIRECT, params);
    const landed = await browser.follow(request.url, REDIRECT);
    return { config, request, landed, uid: landed.url.match(/\/interaction\/([^/?]+)/)?.[1] ?? "" };
  }

  async function askForLink(browser: CookieBrowser, email: string, uid: string | undefined, address: string) {
    const form = await browser.fetch(`${server.url}/password/forgot${uid ? `?uid=${uid}` : ""}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    const fields: Record<string, string> = { csrf: hiddenField(html, "csrf"), email };
    if (uid) fields.uid = uid;
    return browser.fetch(`${server.url}/password/forgot`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: server.url,
        "x-forwarded-for": address,
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  const choose = choosePasswordByLink;

  it("sends a link that returns to the sign-in in progress, works once, is stored hashed, and signs out elsewhere", async () => {
    const email = await newUser();
    // Another browser where the user is signed in with the old password.
    const elsewhere = new CookieBrowser();
    const config0 = await discoverClient(server.issuer, app.clientId, app.clientSecret);
    const first = await authorizationRequest(config0, REDIRECT);
    expect(await authorize(elsewhere, first.url, REDIRECT, { email, password: OLD })).toContain("code=");

    const browser = new CookieBrowser();
    const { uid, config, request } = await startSignIn(browser, { state: "s1" });
    expect(uid).not.toBe("");
    const since = smtp.received.length;
    const asked = await askForLink(browser, email, uid, newAddress());
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toBe(`/password/forgot?sent=1&uid=${uid}`);
    const sent = await browser.fetch(`${server.url}${asked.headers.get("location")}`);
    expect(textOf(await sent.text())).toContain("Check your email");

    const mail = await smtp.waitForMail(email, since);
    expect(mail.subject).toBe(`Reset your password for Latchkey at ${new URL(server.url).host}`);
    const link = mail.link(`${server.url}/password/reset?token=`);
    expect(mail.html).toContain(link);
    const token = new URL(link).searchParams.get("token") ?? "";
    const stored = await sql<Record<string, unknown>>('SELECT * FROM "EmailToken" WHERE purpose = $1', "reset");
    const mine = stored.filter((row) => JSON.stringify(row).includes(token));
    expect(mine, "the token itself is nowhere in the table").toHaveLength(0);
    expect(stored.map((row) => row.id)).toContain(createHash("sha256").update(token).digest("hex"));

    // The same rules as everywhere: typed twice, at least 8 characters.
    const mismatch = await choose(browser, link, NEW, `${NEW}x`);
    expect(mismatch.status).toBe(400);
    expect(textOf(mismatch.html)).toContain("The passwords do not match");
    const short = await choose(browser, link, "short");
    expect(short.status).toBe(400);
    expect(textOf(short.html)).toContain("Use at least 8 characters");

    const changedSince = smtp.received.length;
    const saved = await choose(browser, link, NEW);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/interaction/${uid}?notice=password_changed`);
    const back = await browser.fetch(`${server.url}${saved.location}`);
    const page = await back.text();
    expect(textOf(page)).toContain("Your password is changed");

    // Once only.
    const again = await choose(browser, link, "yet another password");
    expect(textOf(again.html)).toContain("This link no longer works");

    // The old password is gone; the new one finishes the sign-in the app started.
    const csrf = hiddenField(page, "csrf");
    const wrong = await browser.fetch(`${server.url}/interaction/${uid}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, accept: "application/json" },
      body: new URLSearchParams({ email, password: OLD, csrf }).toString(),
    });
    expect(wrong.status).toBe(400);
    const callback = await signInOnPage(browser, server.url, uid, page, { email, password: NEW }, REDIRECT);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
      expectedState: "s1",
    });
    expect(tokens.claims()?.email).toBe(email);
    expect(tokens.claims()?.email_verified).toBe(true);

    // The other browser's session ended with the reset: a silent request finds nobody.
    const silent = await startSignIn(elsewhere, { prompt: "none" });
    expect(new URL(silent.landed.url).searchParams.get("error")).toBe("login_required");

    // The address is told its password changed, with what to do if it was not its owner.
    const told = await smtp.waitForMail(email, changedSince);
    expect(told.subject).toBe(`Your password was changed on Latchkey at ${new URL(server.url).host}`);
    expect(told.text).toContain("Forgot password?");

    const audit = await sql<{ type: string }>(
      'SELECT type FROM "AuditEvent" WHERE type LIKE $1',
      "user.password_reset%",
    );
    expect(audit.map((row) => row.type)).toEqual(
      expect.arrayContaining(["user.password_reset_requested", "user.password_reset"]),
    );
  });

  it("answers the same for an address without an account, and sends it nothing", async () => {
    const known = await newUser();
    const since = smtp.received.length;
    const browser = new CookieBrowser();
    const address = newAddress();
    const unknown = await askForLink(browser, "nobody-here@example.com", undefined, address);
    const real = await askForLink(browser, known, undefined, address);
    expect(unknown.status).toBe(303);
    expect(unknown.headers.get("location")).toBe(real.headers.get("location"));
    await smtp.waitForMail(known, since);
    expect(smtp.received.slice(since).some((mail) => mail.to.includes("nobody-here@example.com"))).toBe(false);
  });

  it("expires links after their time, and a newer link replaces an older one", async () => {
    const email = await newUser();
    const browser = new CookieBrowser();
    let since = smtp.received.length;
    await askForLink(browser, email, undefined, newAddress());
    const first = (await smtp.waitForMail(email, since)).link(`${server.url}/password/reset?token=`);
    since = smtp.received.length;
    await askForLink(browser, email, undefined, newAddress());
    const second = (await smtp.waitForMail(email, since)).link(`${server.url}/password/reset?token=`);
    expect(textOf(await (await browser.fetch(first)).text())).toContain("This link no longer works");
    expect(textOf(await (await browser.fetch(second)).text())).toContain("Choose a new password");

    // Thirty minutes later (the stored expiry moved back rather than waiting).
    const [user] = await sql<{ id: string }>('SELECT id FROM "User" WHERE email = $1', email);
    await sql('UPDATE "EmailToken" SET "expiresAt" = $1 WHERE "userId" = $2', new Date(Date.now() - 1000), user.id);
    const expired = await choose(browser, second, NEW);
    expect(textOf(expired.html)).toContain("This link no longer works");
  });

  it("throttles per account whatever the address, and per address across accounts", async () => {
    const email = await newUser();
    const browser = new CookieBrowser();
    const since = smtp.received.length;
    const statuses: (string | null)[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await askForLink(browser, email, undefined, newAddress())).headers.get("location"));
    expect(statuses.slice(0, 3)).toEqual(Array(3).fill("/password/forgot?sent=1"));
    expect(statuses[3]).toMatch(/^\/password\/forgot\?error=too_many_attempts&retry_after=\d+$/);
    const refusedPage = await browser.fetch(`${server.url}${statuses[3]}`);
    expect(textOf(await refusedPage.text())).toMatch(/Too many requests\. Try again in \d+ seconds/);
    await smtp.waitForMail(email, since);

    const address = newAddress();
    const answers: (string | null)[] = [];
    for (let i = 0; i < 7; i++)
      answers.push(
        (await askForLink(browser, `spray${i}-${address}@example.com`, undefined, address)).headers.get("location"),
      );
    expect(answers.slice(0, 5)).toEqual(Array(5).fill("/password/forgot?sent=1"));
    expect(answers[6]).toContain("error=too_many_attempts");
    // Only the account's three links went out, however many times it was asked for.
    expect(smtp.received.slice(since).filter((mail) => mail.to.includes(email)).length).toBeLessThanOrEqual(3);
  });

  it("refuses a form posted without its token or from another site", async () => {
    const browser = new CookieBrowser();
    const forged = await browser.fetch(`${server.url}/password/forgot`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: new URLSearchParams({ email: "x@example.com", csrf: "nope" }).toString(),
    });
    expect(forged.status).toBe(403);
    const form = await browser.fetch(`${server.url}/password/forgot`);
    expect(form.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(form.headers.get("cache-control")).toBe("no-store");
  });
});
