import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliInProcess } from "../support/cli";
import { freshDatabases } from "../support/databases";
import { callApi, signInToPages } from "../support/pages-session";
import { freePort } from "../support/ports";
import { startServer, type TestServer, tempSqlite } from "../support/server";
import { startSmtp, type TestSmtp } from "../support/smtp";

const APP_URL = "https://id.example.com";
const BANNER = '<p class="font-semibold">Email is not configured</p>';

describe("mail test on the command line, against a real SMTP server", () => {
  const freshDatabase = freshDatabases();
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp({ auth: { user: "relay-user", pass: "p@ss word" } });
  });
  afterAll(() => smtp?.stop());

  it("sends a test message as text and HTML, naming the provider, in English or Korean", async () => {
    const db = await freshDatabase("sqlite");
    const env = { APP_URL, SMTP_URL: smtp.url };
    const sent = await cliInProcess(db.url, ["mail", "test", "--to", "ops@example.com"], env);
    expect(sent.status, sent.stderr).toBe(0);
    expect(sent.stdout).toContain("Test email sent to ops@example.com via smtp://127.0.0.1:");
    const mail = await smtp.waitForMail("ops@example.com");
    expect(mail.subject).toBe("Test email from Latchkey at id.example.com");
    expect(mail.from).toContain("no-reply@id.example.com");
    expect(mail.text).toContain("Latchkey can send email");
    expect(mail.html).toContain("Latchkey can send email");
    expect(mail.html).toContain('lang="en"');

    const since = smtp.received.length;
    const korean = await cliInProcess(db.url, ["mail", "test", "--to", "ops@example.com", "--locale", "ko"], {
      ...env,
      MAIL_FROM: "Identity <id@example.com>",
    });
    expect(korean.status, korean.stderr).toBe(0);
    const ko = await smtp.waitForMail("ops@example.com", since);
    expect(ko.subject).toBe("id.example.com의 Latchkey의 테스트 이메일");
    expect(ko.from).toBe('"Identity" <id@example.com>');
  });

  it("fails with the relay's answer: wrong credentials, a closed port", async () => {
    const db = await freshDatabase("sqlite");
    const wrong = smtp.url.replace("relay-user", "someone-else");
    const refused = await cliInProcess(db.url, ["mail", "test", "--to", "ops@example.com"], {
      APP_URL,
      SMTP_URL: wrong,
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/email not sent via smtp:\/\/127\.0\.0\.1:\d+: .*Invalid username or password/);
    expect(refused.stderr).not.toContain("p@ss");

    const closed = await cliInProcess(db.url, ["mail", "test", "--to", "ops@example.com"], {
      APP_URL,
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    });
    expect(closed.status).toBe(1);
    expect(closed.stderr).toContain("ECONNREFUSED");
  });

  it("gives up on a relay that never answers after SMTP_TIMEOUT_SECONDS", async () => {
    const db = await freshDatabase("sqlite");
    // Accepts connections and says nothing: the greeting never comes.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, "127.0.0.1", resolve));
    try {
      const started = Date.now();
      const result = await cliInProcess(db.url, ["mail", "test", "--to", "ops@example.com"], {
        APP_URL,
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        SMTP_TIMEOUT_SECONDS: "1",
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/email not sent/);
      // One second of timeout, with room for a busy machine: far from a hung request.
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it("SMTP_URL=log writes the message to the output instead of sending it", async () => {
    const db = await freshDatabase("sqlite");
    const result = await cliInProcess(db.url, ["mail", "test", "--to", "ops@example.com"], {
      APP_URL,
      SMTP_URL: "log",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('"msg":"email (SMTP_URL=log, not sent)"');
    expect(result.stdout).toContain("Test email from Latchkey at id.example.com");
    expect(result.stdout).toContain("Test email written to the log to ops@example.com via log");
  });
});

describe("email in the running server", () => {
  const admin = { email: "admin@example.com", password: "correct horse battery" };
  let smtp: TestSmtp;
  let server: TestServer | undefined;
  const db = tempSqlite();
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
    db.cleanup();
  });

  it("starts without SMTP_URL and says email is off; with it, the console's test email arrives", async () => {
    const off = await startServer(db.url);
    try {
      expect(off.logs()).toContain("email is off");
      expect((await off.cli("admins", "create", "--email", admin.email, "--password", admin.password)).status).toBe(0);
      const browser = await signInToPages(off.url, admin);
      const users = await (await browser.fetch(`${off.url}/users`)).text();
      // The banner as rendered (every page also carries the catalogs, so the bare text proves nothing).
      expect(users.includes(BANNER), "the users page shows the email banner").toBe(true);
      const test = await callApi(browser, off.url, "POST", "/api/v1/mail/test", { to: "ops@example.com" });
      expect(test.status).toBe(409);
    } finally {
      await off.stop();
    }

    server = await startServer(db.url, { SMTP_URL: smtp.url });
    const browser = await signInToPages(server.url, admin);
    const users = await (await browser.fetch(`${server.url}/users`)).text();
    expect(users.includes(BANNER), "the users page has no email banner").toBe(false);
    const sent = await callApi(browser, server.url, "POST", "/api/v1/mail/test", { to: "ops@example.com" });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ sent: true, to: "ops@example.com" });
    const mail = await smtp.waitForMail("ops@example.com");
    expect(mail.subject).toBe(`Test email from Latchkey at ${new URL(server.url).host}`);

    const invalid = await callApi(browser, server.url, "POST", "/api/v1/mail/test", { to: "not an address" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toHaveProperty("to");
  });
});
