import * as oidc from "openid-client";
import { beforeAll, describe, expect, it } from "vitest";
import { postAccountForm, accountHtml as readAccountPage, tokenOf } from "../support/account-forms";
import { authorize, CookieBrowser, confirmEmailChangeByLink, textOf } from "../support/browserless";
import { type DatabaseKind, databaseKinds } from "../support/databases";
import { mailingServerFor } from "../support/mailing-server";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { signInToPages } from "../support/pages-session";
import type { TestServer } from "../support/server";
import { openSignIn } from "../support/sign-in-attempts";
import type { TestSmtp } from "../support/smtp";
import { sql } from "../support/sql";

const REDIRECT = "http://127.0.0.1:9/callback";
const OLD = "old password 1";
const NEW = "brand new password 2";

/**
 * A user's own edits at /account, posted as plain forms the way a browser without script posts
 * them: name, password (current one required; other sessions and tokens end) and email (a link
 * to the new address; the old one is told). Mail goes to a real SMTP server the test reads.
 */
describe.each(databaseKinds)("account edits at /account on %s", (kind: DatabaseKind) => {
  const mailing = mailingServerFor(kind);
  const { cli } = mailing;
  let server: TestServer;
  let smtp: TestSmtp;
  let app: { clientId: string; clientSecret: string };
  let users = 0;

  beforeAll(async () => {
    ({ server, smtp } = mailing);
    const created = await cli(
      ...["apps", "create", "--name", "Wiki", "--type", "third-party", "--redirect-uri", REDIRECT],
      ...["--always-issue-refresh-token", "--json"],
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

  const accountHtml = (browser: CookieBrowser, path?: string) => readAccountPage(browser, server.url, path);
  const post = (browser: CookieBrowser, action: string, fields: Record<string, string>) =>
    postAccountForm(browser, server.url, action, fields);

  /** The app's sign-in through openid-client: its tokens, or the error the sign-in ended with. */
  async function appSignIn(email: string, password: string, browser = new CookieBrowser()) {
    const config = await discoverClient(server.issuer, app.clientId, app.clientSecret);
    const request = await authorizationRequest(config, REDIRECT, { scope: "openid email offline_access" });
    const callback = await authorize(browser, request.url, REDIRECT, { email, password });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
    });
    return { config, tokens };
  }

  const auditTypes = async (email: string) => {
    const rows = await sql<{ type: string }>(
      server.databaseUrl,
      'SELECT a.type FROM "AuditEvent" a JOIN "User" u ON u.id = a."userId" WHERE u.email = $1',
      email,
    );
    return rows.map((row) => row.type);
  };

  it("changes the name with inline errors, keeps what was typed, and refuses a post without its token", async () => {
    const email = await newUser();
    const browser = await signInToPages(server.url, { email, password: OLD }, "latchkey-account");

    const refused = await post(browser, "/api/account/profile", {
      name: "x".repeat(129),
      givenName: "Ada",
      familyName: "Lovelace",
    });
    expect(refused.location).toMatch(/^\/account\?form=profile&error\.name=tooLong128&/);
    expect(refused.page).toContain("Use at most 128 characters");
    const again = await accountHtml(browser, refused.location.replace(/#.*$/, ""));
    expect(again).toMatch(/name="givenName"[^>]*value="Ada"|value="Ada"[^>]*name="givenName"/);

    const saved = await post(browser, "/api/account/profile", {
      name: "Ada Lovelace",
      givenName: "Ada",
      familyName: "Lovelace",
    });
    expect(saved.location).toBe("/account?done=profile#profile");
    expect(saved.page).toContain("Your name is saved.");
    const [row] = await sql<{ name: string; givenName: string; familyName: string }>(
      server.databaseUrl,
      'SELECT name, "givenName", "familyName" FROM "User" WHERE email = $1',
      email,
    );
    expect(row).toEqual({ name: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace" });
    expect(await auditTypes(email)).toContain("user.updated");

    const forged = await browser.fetch(`${server.url}/api/account/profile`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ token: "forged", name: "Mallory" }).toString(),
    });
    expect(forged.status).toBe(403);
    const crossSite = await browser.fetch(`${server.url}/api/account/profile`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: new URLSearchParams({ token: tokenOf(await accountHtml(browser), "/api/account/profile") }).toString(),
    });
    expect(crossSite.status).toBe(403);
  });

  it("changes the password only with the current one; this session stays, other sessions and refresh tokens end, the address is told", async () => {
    const email = await newUser();
    const app1 = await appSignIn(email, OLD);
    expect(app1.tokens.refresh_token).toBeTruthy();
    const otherPage = await signInToPages(server.url, { email, password: OLD }, "latchkey-account");
    const browser = await signInToPages(server.url, { email, password: OLD }, "latchkey-account");

    const wrong = await post(browser, "/api/account/password", {
      currentPassword: "not my password",
      password: NEW,
      confirmPassword: NEW,
    });
    expect(wrong.location).toContain("error.currentPassword=currentPasswordWrong");
    expect(wrong.page).toContain("That is not your current password");
    const mismatch = await post(browser, "/api/account/password", {
      currentPassword: OLD,
      password: NEW,
      confirmPassword: `${NEW}x`,
    });
    expect(mismatch.page).toContain("The passwords do not match");
    const short = await post(browser, "/api/account/password", {
      currentPassword: OLD,
      password: "short",
      confirmPassword: "short",
    });
    expect(short.page).toContain("Use at least 8 characters");
    // Nothing changed so far: the refresh token still works.
    const refreshed = await oidc.refreshTokenGrant(app1.config, app1.tokens.refresh_token ?? "");
    expect(refreshed.access_token).toBeTruthy();

    const since = smtp.received.length;
    const saved = await post(browser, "/api/account/password", {
      currentPassword: OLD,
      password: NEW,
      confirmPassword: NEW,
    });
    expect(saved.location).toBe("/account?done=password#password");
    expect(saved.page).toContain("Your password is changed.");
    expect(saved.page).toContain(email);

    // The other /account session, the app's refresh and access tokens: all ended.
    expect(textOf(await accountHtml(otherPage))).not.toContain(email);
    await expect(oidc.refreshTokenGrant(app1.config, refreshed.refresh_token ?? "")).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect((await oidc.tokenIntrospection(app1.config, refreshed.access_token)).active).toBe(false);
    const signIn = await openSignIn(server.url);
    expect((await signIn.attempt(email, OLD)).status).toBe(400);
    expect((await signIn.attempt(email, NEW)).status).toBe(200);

    const mail = await smtp.waitForMail(email, since);
    expect(mail.subject).toBe(`Your password was changed on Latchkey at ${new URL(server.url).host}`);
    expect(mail.text).toContain("Forgot password?");
    expect(mail.html).toContain("Forgot password?");
    expect(await auditTypes(email)).toContain("user.password_changed");
  });

  it("changes the email only when the link sent to the new address is followed, once; the old address is told", async () => {
    const email = await newUser();
    const next = `moved-${email}`;
    const browser = await signInToPages(server.url, { email, password: OLD }, "latchkey-account");

    const same = await post(browser, "/api/account/email", { email, currentPassword: OLD });
    expect(same.page).toContain("This is already your address");
    let since = smtp.received.length;
    const wrong = await post(browser, "/api/account/email", { email: next, currentPassword: "guess" });
    expect(wrong.page).toContain("That is not your current password");
    // The typed address is kept, the password never is.
    expect(wrong.location).toContain(`value.email=${encodeURIComponent(next)}`);
    expect(wrong.location).not.toContain("guess");

    since = smtp.received.length;
    const asked = await post(browser, "/api/account/email", { email: next, currentPassword: OLD });
    expect(asked.location).toBe("/account?done=email#email");
    expect(asked.page).toContain(`A link was sent to ${next}`);
    expect(asked.page).toContain(`${email} (not confirmed)`);
    expect(smtp.received.slice(0, since).some((m) => m.to.includes(next))).toBe(false);

    const notice = await smtp.waitForMail(email, since);
    expect(notice.subject).toContain("A change of your email address was asked for");
    expect(notice.text).toContain(next);
    expect(notice.text).toContain("change your password");
    const linkMail = await smtp.waitForMail(next, since);
    const link = linkMail.link(`${server.url}/email/change?token=`);
    expect(linkMail.html).toContain(link.replace(/&/g, "&amp;"));

    // Until the link is followed, the account keeps its address.
    expect((await appSignIn(email, OLD)).tokens.claims()?.email).toBe(email);

    // Opening the link only asks (a mail scanner opening it changes nothing); the button changes it.
    const opened = await new CookieBrowser().fetch(link);
    expect(opened.status).toBe(200);
    expect(textOf(await opened.text())).toContain(`Sign in to the Latchkey account ${email} with ${next} from now on?`);
    expect((await appSignIn(email, OLD)).tokens.claims()?.email).toBe(email);
    const forged = await new CookieBrowser().fetch(`${server.url}/email/change`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ csrf: "forged", token: new URL(link).searchParams.get("token") ?? "" }).toString(),
    });
    expect(forged.status).toBe(403);
    const followed = await confirmEmailChangeByLink(new CookieBrowser(), link);
    expect(followed.status).toBe(200);
    expect(textOf(followed.html)).toContain(`Your account's address is now ${next}`);
    const twice = await confirmEmailChangeByLink(new CookieBrowser(), link);
    expect(twice.status).toBe(400);
    expect(textOf(twice.html)).toContain("This link no longer works");

    expect(textOf(await accountHtml(browser))).toContain(`${next} (confirmed)`);
    const claims = (await appSignIn(next, OLD)).tokens.claims();
    expect(claims?.email).toBe(next);
    expect(claims?.email_verified).toBe(true);
    expect(await auditTypes(next)).toEqual(
      expect.arrayContaining(["user.email_change_requested", "user.email_changed"]),
    );
  });

  it("answers the same for an address another account uses, and its link does not take it", async () => {
    const email = await newUser();
    const taken = await newUser();
    const browser = await signInToPages(server.url, { email, password: OLD }, "latchkey-account");
    const since = smtp.received.length;
    const asked = await post(browser, "/api/account/email", { email: taken, currentPassword: OLD });
    expect(asked.location).toBe("/account?done=email#email");
    const link = (await smtp.waitForMail(taken, since)).link(`${server.url}/email/change?token=`);
    const followed = await confirmEmailChangeByLink(new CookieBrowser(), link);
    expect(followed.status).toBe(400);
    expect(textOf(followed.html)).toContain("the address now belongs to another account");
    expect(textOf(await accountHtml(browser))).toContain(`${email} (not confirmed)`);
  });

  it("lets a change link expire after 24 hours", async () => {
    const email = await newUser();
    const next = `late-${email}`;
    const browser = await signInToPages(server.url, { email, password: OLD }, "latchkey-account");
    const since = smtp.received.length;
    await post(browser, "/api/account/email", { email: next, currentPassword: OLD });
    const link = (await smtp.waitForMail(next, since)).link(`${server.url}/email/change?token=`);
    // A day later (the stored expiry moved back rather than waiting).
    await sql(
      server.databaseUrl,
      'UPDATE "EmailToken" SET "expiresAt" = $1 WHERE email = $2',
      new Date(Date.now() - 1000),
      next,
    );
    const followed = await new CookieBrowser().fetch(link);
    expect(followed.status).toBe(400);
    expect(textOf(await accountHtml(browser))).not.toContain(`A link was sent to ${next}`);
  });
});
