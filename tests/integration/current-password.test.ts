import { describe, expect, it } from "vitest";
import { postAccountForm } from "../support/account-forms";
import { TestAuthenticator } from "../support/authenticator";
import { type CookieBrowser, textOf } from "../support/browserless";
import { type DatabaseKind, databaseKinds } from "../support/databases";
import { mailingServerFor } from "../support/mailing-server";
import { callApi, signInToPages } from "../support/pages-session";
import { openSignIn } from "../support/sign-in-attempts";
import { sql } from "../support/sql";

const ADMIN = { email: "auditor@example.com", password: "auditor passphrase 1" };
const PASSWORD = "owner's password 1";
const WRONG = "a guess at the password";

type AuditItem = { type: string; actor: string; userId: string | null; after: Record<string, unknown>; ip: string };

/**
 * The current password asked for at /account: a wrong one (or one the throttle holds) is in the
 * audit log, for every change that asks for it, and shows in the console in both languages; and
 * guesses there also count against the sign-in form's budget for the account, while guesses at
 * the public sign-in form never hold the user's own changes. Through the server's
 * real endpoints, on each database.
 */
describe.each(databaseKinds)("current password at /account (%s)", (kind: DatabaseKind) => {
  const mailing = mailingServerFor(kind);
  let admin: CookieBrowser | undefined;
  let users = 0;

  async function adminBrowser() {
    if (admin) return admin;
    const made = await mailing.cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password);
    expect(made.status, made.stderr).toBe(0);
    admin = await signInToPages(mailing.server.url, ADMIN);
    return admin;
  }

  async function signedInUser() {
    const email = `owner${++users}-${kind}@example.com`;
    const made = await mailing.cli("users", "create", "--email", email, "--password", PASSWORD);
    expect(made.status, made.stderr).toBe(0);
    const browser = await signInToPages(mailing.server.url, { email, password: PASSWORD }, "latchkey-account");
    const [row] = await sql<{ id: string }>(
      mailing.server.databaseUrl,
      'SELECT id FROM "User" WHERE email = $1',
      email,
    );
    return { email, id: row.id, browser };
  }

  const api = (browser: CookieBrowser, method: string, path: string, body?: unknown) =>
    callApi(browser, mailing.server.url, method, path, body);

  async function refusals(userId: string): Promise<AuditItem[]> {
    const query = `/api/v1/audit?type=account.password_refused&userId=${userId}&pageSize=100`;
    const listed = await api(await adminBrowser(), "GET", query);
    expect(listed.status).toBe(200);
    return listed.body.items as AuditItem[];
  }

  it("audits a wrong current password at every change that asks for it, naming the change, never the password", async () => {
    const user = await signedInUser();
    const url = mailing.server.url;
    const authenticator = new TestAuthenticator(new URL(url).hostname, url);
    // The right password clears the count; said between guesses, it keeps them all under the throttle's five.
    const rightPassword = async () => {
      const options = await api(user.browser, "POST", "/api/account/passkeys/options", { currentPassword: PASSWORD });
      expect(options.status).toBe(200);
      return options.body.challenge as string;
    };
    const added = await api(user.browser, "POST", "/api/account/passkeys", {
      name: "Laptop",
      response: authenticator.register(await rightPassword()),
    });
    expect(added.status).toBe(201);

    const password = await postAccountForm(user.browser, url, "/api/account/password", {
      currentPassword: WRONG,
      password: "new password 22",
      confirmPassword: "new password 22",
    });
    expect(password.location).toContain("error.currentPassword=currentPasswordWrong");
    const email = await postAccountForm(user.browser, url, "/api/account/email", {
      currentPassword: WRONG,
      email: `elsewhere${users}-${kind}@example.com`,
    });
    expect(email.location).toContain("error.currentPassword=currentPasswordWrong");
    const options = await api(user.browser, "POST", "/api/account/passkeys/options", { currentPassword: WRONG });
    expect(options.status).toBe(400);
    await rightPassword();
    const removal = await api(user.browser, "POST", `/api/account/passkeys/${added.body.id}/remove`, {
      currentPassword: WRONG,
    });
    expect(removal.status).toBe(400);
    const totp = await api(user.browser, "POST", "/api/account/two-factor/totp", { currentPassword: WRONG });
    expect(totp.status).toBe(400);
    const codes = await api(user.browser, "POST", "/api/account/two-factor/recovery-codes", { currentPassword: WRONG });
    expect(codes.status).toBe(400);

    const events = await refusals(user.id);
    expect(events.map((event) => event.after.action).sort()).toEqual([
      "email_change",
      "passkey_add",
      "passkey_remove",
      "password_change",
      "recovery_codes",
      "two_factor_setup",
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ actor: user.email, userId: user.id, after: { reason: "wrong" } });
      expect(event.ip).toBeTruthy();
      expect(JSON.stringify(event)).not.toContain(WRONG);
    }
    // The right passwords left no refusal behind.
    expect(events).toHaveLength(6);
  });

  it("audits a try the throttle holds as throttled, and shows the events in the console in both languages", async () => {
    const user = await signedInUser();
    for (let i = 0; i < 5; i++) {
      const wrong = await api(user.browser, "POST", "/api/account/passkeys/options", { currentPassword: WRONG });
      expect(wrong.status, `guess ${i + 1}`).toBe(400);
    }
    // Held tries check no password: only the first of the minute is audited.
    for (let i = 0; i < 3; i++) {
      const held = await api(user.browser, "POST", "/api/account/passkeys/options", { currentPassword: PASSWORD });
      expect(held.status, `held try ${i + 1}`).toBe(429);
    }
    const reasons = (await refusals(user.id)).map((event) => event.after.reason);
    expect(reasons.filter((reason) => reason === "wrong")).toHaveLength(5);
    expect(reasons.filter((reason) => reason === "throttled")).toHaveLength(1);

    const browser = await adminBrowser();
    const page = async (locale?: string) => {
      const cookie = browser.cookieHeader() + (locale ? `; latchkey_locale=${locale}` : "");
      const response = await fetch(`${mailing.server.url}/audit?type=account.password_refused&userId=${user.id}`, {
        headers: { cookie },
        redirect: "manual",
      });
      expect(response.status).toBe(200);
      return textOf(await response.text());
    };
    const english = await page("en");
    expect(english).toContain("Current password refused on the account page");
    expect(english).toContain("throttled");
    expect(english).toContain("passkey_add");
    expect(await page("ko")).toContain("계정 페이지에서 현재 비밀번호가 거부됨");
  });

  it("counts guesses at /account against the sign-in form's budget, but guesses at the public form never hold /account", async () => {
    // Five wrong at the sign-in form (anyone can make them): the user can still change the password.
    const first = await signedInUser();
    const signIn = await openSignIn(mailing.server.url);
    for (let i = 0; i < 5; i++) {
      expect((await signIn.attempt(first.email, WRONG)).status, `guess ${i + 1}`).toBe(400);
    }
    expect((await signIn.attempt(first.email, PASSWORD)).status).toBe(429);
    const options = await api(first.browser, "POST", "/api/account/passkeys/options", { currentPassword: PASSWORD });
    expect(options.status).toBe(200);
    const change = await postAccountForm(first.browser, mailing.server.url, "/api/account/password", {
      currentPassword: PASSWORD,
      password: "new password 22",
      confirmPassword: "new password 22",
    });
    expect(change.location).toBe("/account?done=password#password");

    // Five wrong at /account: the sign-in form holds even the right password, and says so.
    const second = await signedInUser();
    for (let i = 0; i < 5; i++) {
      const wrong = await postAccountForm(second.browser, mailing.server.url, "/api/account/password", {
        currentPassword: WRONG,
        password: "new password 22",
        confirmPassword: "new password 22",
      });
      expect(wrong.location, `guess ${i + 1}`).toContain("error.currentPassword=currentPasswordWrong");
    }
    const fresh = await openSignIn(mailing.server.url);
    const refused = await fresh.attempt(second.email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBeGreaterThan(0);
    const form = await fresh.attempt(second.email, PASSWORD, { form: true });
    expect(form.location).toContain("error=too_many_attempts");
    const shown = await fresh.browser.fetch(new URL(form.location ?? "", mailing.server.url).href);
    expect(textOf(await shown.text())).toMatch(/Too many failed attempts\. Try again in \d+ seconds?\./);
  });
});
