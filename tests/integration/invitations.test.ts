import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieBrowser, choosePasswordByLink, textOf } from "../support/browserless";
import { callApi, signInToPages } from "../support/pages-session";
import { runCliAsync, startServer, type TestServer, tempSqlite } from "../support/server";
import { startSmtp, type TestSmtp } from "../support/smtp";

const ADMIN = { email: "admin@example.com", password: "admin passphrase" };

describe("invitations and verified addresses, on a real SMTP server", () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let admin: CookieBrowser;
  const db = tempSqlite();

  // Asynchronous: a CLI run that blocks the event loop lets the server close the test's idle
  // keep-alive connections unseen, and the next fetch would meet "other side closed".
  const cli = (...args: string[]) => runCliAsync(server.databaseUrl, args, { APP_URL: server.url });

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer(db.url, { SMTP_URL: smtp.url });
    const made = await cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password);
    expect(made.status, made.stderr).toBe(0);
    admin = await signInToPages(server.url, ADMIN);
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
    db.cleanup();
  });

  const verified = (email: string) => {
    const file = new Database(db.url.slice("file:".length));
    try {
      const row = file.prepare('SELECT "emailVerified" FROM "User" WHERE email = ?').get(email) as
        | { emailVerified: number }
        | undefined;
      return row === undefined ? undefined : row.emailVerified === 1;
    } finally {
      file.close();
    }
  };

  async function accept(link: string, password: string) {
    const chosen = await choosePasswordByLink(new CookieBrowser(), link, password);
    expect(textOf(chosen.formHtml)).toContain("Welcome! Choose your password");
    return chosen;
  }

  it("an admin's invitation lets the invitee choose a password, once, and verifies the address", async () => {
    const since = smtp.received.length;
    const invited = await callApi(admin, server.url, "POST", "/api/v1/users/invite", {
      email: "Newcomer@Example.com",
      name: "New Comer",
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body).toMatchObject({
      emailSent: true,
      user: { email: "newcomer@example.com", emailVerified: false },
    });
    expect(verified("newcomer@example.com")).toBe(false);

    const mail = await smtp.waitForMail("newcomer@example.com", since);
    expect(mail.subject).toBe(`You are invited to Latchkey at ${new URL(server.url).host}`);
    const link = mail.link(`${server.url}/password/invite?token=`);

    // Nobody can sign in before the invitee has chosen a password.
    const chosen = await accept(link, "my own password 1");
    expect(chosen.status).toBe(303);
    expect(chosen.location).toBe("/password/done?purpose=invite");
    expect(verified("newcomer@example.com")).toBe(true);
    const account = await signInToPages(
      server.url,
      { email: "newcomer@example.com", password: "my own password 1" },
      "latchkey-account",
    );
    expect(textOf(await (await account.fetch(`${server.url}/account`)).text())).toContain("newcomer@example.com");

    const again = await new CookieBrowser().fetch(link);
    expect(textOf(await again.text())).toContain("This link no longer works");

    const twice = await callApi(admin, server.url, "POST", "/api/v1/users/invite", { email: "newcomer@example.com" });
    expect(twice.status).toBe(409);
  });

  it("invites from the command line, and creates users already verified when told", async () => {
    const since = smtp.received.length;
    // In a process of its own but without blocking this one: the SMTP server answers from here.
    const invited = await runCliAsync(
      server.databaseUrl,
      ["users", "invite", "--email", "cli-invitee@example.com", "--locale", "ko", "--json"],
      { APP_URL: server.url, SMTP_URL: smtp.url },
    );
    expect(invited.status, invited.stderr).toBe(0);
    expect(JSON.parse(invited.stdout.trim().split("\n").at(-1) ?? "{}")).toMatchObject({
      email: "cli-invitee@example.com",
      emailSent: true,
    });
    const mail = await smtp.waitForMail("cli-invitee@example.com", since);
    expect(mail.subject).toContain("초대");
    expect(mail.link(`${server.url}/password/invite?token=`)).toContain("token=");

    const made = await cli(
      ...["users", "create", "--email", "trusted@example.com", "--password", "a fine password", "--email-verified"],
    );
    expect(made.status, made.stderr).toBe(0);
    expect(verified("trusted@example.com")).toBe(true);
    const plain = await cli("users", "create", "--email", "plain@example.com", "--password", "a fine password");
    expect(plain.status, plain.stderr).toBe(0);
    expect(verified("plain@example.com")).toBe(false);
  });

  it("an admin sends a verification link; following it verifies the address, once", async () => {
    const made = await cli("users", "create", "--email", "unproved@example.com", "--password", "a fine password");
    expect(made.status, made.stderr).toBe(0);
    const user = await callApi(admin, server.url, "GET", "/api/v1/users?search=unproved");
    const id = (user.body.items as { id: string }[])[0].id;
    const since = smtp.received.length;
    const sent = await callApi(admin, server.url, "POST", `/api/v1/users/${id}/verification`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toEqual({ emailSent: true });
    expect(verified("unproved@example.com")).toBe(false);

    const mail = await smtp.waitForMail("unproved@example.com", since);
    expect(mail.subject).toBe(`Confirm your email address for Latchkey at ${new URL(server.url).host}`);
    const link = mail.link(`${server.url}/email/verify?token=`);
    const followed = await new CookieBrowser().fetch(link);
    expect(followed.status).toBe(200);
    expect(textOf(await followed.text())).toContain("unproved@example.com is confirmed as your address");
    expect(verified("unproved@example.com")).toBe(true);

    const again = await new CookieBrowser().fetch(link);
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain("This link no longer works");
  });
});
