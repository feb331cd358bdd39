import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { postAccountForm } from "../support/account-forms";
import { TestAuthenticator } from "../support/authenticator";
import { CookieBrowser, choosePasswordByLink, hiddenField } from "../support/browserless";
import { type DatabaseKind, databaseKinds } from "../support/databases";
import { mailingServerFor } from "../support/mailing-server";
import { callApi, signInToPages } from "../support/pages-session";
import type { TestServer } from "../support/server";
import type { TestSmtp } from "../support/smtp";
import { sql } from "../support/sql";

const PASSWORD = "owner's password 1";
const WRONG = "someone else's guess";
const WRONG_TEXT = "That is not your current password";
const THROTTLED_TEXT = "Too many wrong passwords. Wait a few minutes, then try again.";

/**
 * Adding or removing a passkey at /account needs the current password, not only the session (a
 * computer left signed in must not let someone keep a way into the account, or take the owner's
 * passkeys away): through the server's real endpoints, on each database. Wrong passwords count
 * toward the same throttle as the password and email changes; the password-changed email lists
 * the account's passkeys.
 */
describe.each(databaseKinds)("passkey changes need the current password (%s)", (kind: DatabaseKind) => {
  const mailing = mailingServerFor(kind);
  let server: TestServer;
  let smtp: TestSmtp;
  let users = 0;

  beforeAll(() => {
    ({ server, smtp } = mailing);
  });

  async function signedInUser() {
    const email = `proof${++users}-${kind}@example.com`;
    const made = await mailing.cli("users", "create", "--email", email, "--password", PASSWORD);
    expect(made.status, made.stderr).toBe(0);
    const browser = await signInToPages(server.url, { email, password: PASSWORD }, "latchkey-account");
    const [row] = await sql<{ id: string }>(server.databaseUrl, 'SELECT id FROM "User" WHERE email = $1', email);
    const authenticator = new TestAuthenticator(new URL(server.url).hostname, server.url);
    return { email, id: row.id, browser, authenticator };
  }

  const api = (browser: CookieBrowser, method: string, path: string, body?: unknown) =>
    callApi(browser, server.url, method, path, body);

  const count = async (table: "Passkey" | "PasskeyChallenge", userId: string) => {
    const rows = await sql<{ n: number | string }>(
      server.databaseUrl,
      `SELECT COUNT(*) AS n FROM "${table}" WHERE "userId" = $1`,
      userId,
    );
    return Number(rows[0].n);
  };

  const auditTypes = async (userId: string) =>
    (await sql<{ type: string }>(server.databaseUrl, 'SELECT type FROM "AuditEvent" WHERE "userId" = $1', userId)).map(
      (row) => row.type,
    );

  /** Adds a passkey the way the account page does: options with the password, then the answer. */
  async function addPasskey(user: Awaited<ReturnType<typeof signedInUser>>, name: string) {
    const options = await api(user.browser, "POST", "/api/account/passkeys/options", { currentPassword: PASSWORD });
    expect(options.status).toBe(200);
    const response = user.authenticator.register(options.body.challenge);
    const added = await api(user.browser, "POST", "/api/account/passkeys", { name, response });
    expect(added.status).toBe(201);
    return String(added.body.id);
  }

  it("issues no challenge and adds no passkey without the current password; with it, adds one", async () => {
    const user = await signedInUser();
    const missing = await api(user.browser, "POST", "/api/account/passkeys/options", {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors.currentPassword).toEqual(["Enter your password"]);
    const wrong = await api(user.browser, "POST", "/api/account/passkeys/options", { currentPassword: WRONG });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.currentPassword).toEqual([WRONG_TEXT]);
    expect(wrong.body.challenge).toBeUndefined();
    expect(await count("PasskeyChallenge", user.id)).toBe(0);

    // An answer to a challenge the server never issued (the options were refused) is refused too.
    const made = user.authenticator.register(randomBytes(32).toString("base64url"));
    const forged = await api(user.browser, "POST", "/api/account/passkeys", { name: "Intruder", response: made });
    expect(forged.status).toBe(400);
    expect(await count("Passkey", user.id)).toBe(0);

    await addPasskey(user, "Laptop");
    expect(await count("Passkey", user.id)).toBe(1);
    expect(await count("PasskeyChallenge", user.id)).toBe(0);
    expect(await auditTypes(user.id)).toContain("passkey.registered");
  });

  it("removes a passkey only with the current password; the old session-only DELETE is gone", async () => {
    const user = await signedInUser();
    const id = await addPasskey(user, "Phone");
    const path = `/api/account/passkeys/${encodeURIComponent(id)}`;
    expect((await api(user.browser, "DELETE", path)).status).toBe(405);
    expect((await api(user.browser, "POST", `${path}/remove`, {})).status).toBe(400);
    const wrong = await api(user.browser, "POST", `${path}/remove`, { currentPassword: WRONG });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.currentPassword).toEqual([WRONG_TEXT]);
    expect(await count("Passkey", user.id)).toBe(1);
    expect(await auditTypes(user.id)).not.toContain("passkey.removed");

    // Another user's passkey is not found, even with that user's own right password.
    const other = await signedInUser();
    const foreign = await api(other.browser, "POST", `${path}/remove`, { currentPassword: PASSWORD });
    expect(foreign.status).toBe(404);
    expect(await count("Passkey", user.id)).toBe(1);

    // Renaming stays session-only: it cannot open a way in.
    expect((await api(user.browser, "PATCH", path, { name: "Old phone" })).status).toBe(204);
    const removed = await api(user.browser, "POST", `${path}/remove`, { currentPassword: PASSWORD });
    expect(removed.status).toBe(204);
    expect(await count("Passkey", user.id)).toBe(0);
    expect(await auditTypes(user.id)).toContain("passkey.removed");
  });

  it("throttles wrong passwords at the passkey forms together with the password change, after five", async () => {
    // Five wrong guesses at the password form, then the passkey form refuses even the right password.
    const first = await signedInUser();
    for (let i = 0; i < 5; i++) {
      const wrong = await postAccountForm(first.browser, server.url, "/api/account/password", {
        currentPassword: WRONG,
        password: "new password 22",
        confirmPassword: "new password 22",
      });
      expect(wrong.location, `guess ${i + 1}`).toContain("error.currentPassword=currentPasswordWrong");
    }
    const held = await api(first.browser, "POST", "/api/account/passkeys/options", { currentPassword: PASSWORD });
    expect(held.status).toBe(429);
    // The throttle's first hold is 30 s (lib/auth/throttle.ts): the client is told when to come back.
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(held.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    expect(held.body.errors.currentPassword).toEqual([THROTTLED_TEXT]);
    expect(await count("PasskeyChallenge", first.id)).toBe(0);

    // The other way round: five wrong at the passkey forms (adding and removing), then the sixth
    // (even right) is held at both, and so is the password form.
    const second = await signedInUser();
    const id = await addPasskey(second, "Tablet");
    for (let i = 0; i < 5; i++) {
      const wrong =
        i % 2 === 0
          ? await api(second.browser, "POST", "/api/account/passkeys/options", { currentPassword: WRONG })
          : await api(second.browser, "POST", `/api/account/passkeys/${id}/remove`, { currentPassword: WRONG });
      expect(wrong.status, `guess ${i + 1}`).toBe(400);
    }
    const removal = await api(second.browser, "POST", `/api/account/passkeys/${id}/remove`, {
      currentPassword: PASSWORD,
    });
    expect(removal.status).toBe(429);
    expect(await count("Passkey", second.id)).toBe(1);
    const change = await postAccountForm(second.browser, server.url, "/api/account/password", {
      currentPassword: PASSWORD,
      password: "new password 22",
      confirmPassword: "new password 22",
    });
    expect(change.location).toContain("error.currentPassword=tooManyTries");
  });

  it("lists the account's passkeys by name in the password-changed email, with where to remove them", async () => {
    const user = await signedInUser();
    await addPasskey(user, "Work laptop");
    await addPasskey({ ...user, authenticator: new TestAuthenticator(user.authenticator.rpId, server.url) }, "Phone");
    const since = smtp.received.length;
    const saved = await postAccountForm(user.browser, server.url, "/api/account/password", {
      currentPassword: PASSWORD,
      password: "brand new password 3",
      confirmPassword: "brand new password 3",
    });
    expect(saved.location).toBe("/account?done=password#password");
    const mail = await smtp.waitForMail(user.email, since);
    expect(mail.text).toMatch(
      /These passkeys can also sign in to the account, without the password:\n- Work laptop \(added [^)]+\)\n- Phone \(added/,
    );
    // Removing one asks for the password: the owner is told to choose a new one first.
    expect(mail.text).toContain("Once you have chosen a new password, remove any passkey");
    expect(mail.text).toContain(`asks for the new password): ${server.url}/account`);
    expect(mail.html).toContain("<li>Work laptop (added ");
    expect(mail.html).toContain(`href="${server.url}/account"`);

    // After a recovery by email too.
    const browser = new CookieBrowser();
    const form = await browser.fetch(`${server.url}/password/forgot`);
    const beforeAsking = smtp.received.length;
    const asked = await browser.fetch(`${server.url}/password/forgot`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
      body: new URLSearchParams({ csrf: hiddenField(await form.text(), "csrf"), email: user.email }).toString(),
    });
    expect(asked.status).toBe(303);
    const link = (await smtp.waitForMail(user.email, beforeAsking)).link(`${server.url}/password/reset?token=`);
    const beforeReset = smtp.received.length;
    const reset = await choosePasswordByLink(browser, link, "recovered password 4");
    expect(reset.status).toBeLessThan(400);
    const notice = await smtp.waitForMail(user.email, beforeReset);
    expect(notice.subject).toContain("Your password was changed");
    expect(notice.text).toContain("- Work laptop (added ");
    expect(notice.text).toContain("- Phone (added ");
  });
});
