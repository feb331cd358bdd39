import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { accountHtml, tokenOf } from "../support/account-forms";
import { adminServerFor } from "../support/admin-server";
import { type DatabaseKind, databaseKinds } from "../support/databases";
import { signInToPages } from "../support/pages-session";
import { sql } from "../support/sql";

const ADMIN = { email: "limits@example.com", password: "limits passphrase 1" };
const LIMIT = 64 * 1024;

/** `json` padded with trailing spaces (still valid JSON, which the schemas never see) to exactly `bytes`. */
function padded(json: unknown, bytes: number): string {
  const text = JSON.stringify(json);
  return text + " ".repeat(bytes - Buffer.byteLength(text));
}

type Answer = { status: number; type: string | undefined; body: string };

/**
 * A POST through node:http, so the test decides how the body travels: with a Content-Length, or
 * chunked with none (then the server can only count). `stallAfter`: send that many bytes, then
 * nothing more; a server that waits for the whole body never answers, and the test's own
 * timeout says so.
 */
function post(
  url: string,
  path: string,
  headers: Record<string, string>,
  body: string,
  options: { chunked?: boolean; stallAfter?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = request(target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: new URL(url).origin,
        ...(options.chunked
          ? { "transfer-encoding": "chunked" }
          : { "content-length": String(Buffer.byteLength(body)) }),
        ...headers,
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer to POST ${path} within 20 s: the server is waiting for the whole body`));
    }, 20_000);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers["content-type"],
          body: Buffer.concat(chunks).toString("utf8"),
        });
        req.destroy();
      });
    });
    // Once the server has answered it may close the socket under a body still being sent.
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const sent = options.stallAfter === undefined ? body : body.slice(0, options.stallAfter);
    for (let i = 0; i < sent.length; i += 16 * 1024) req.write(sent.slice(i, i + 16 * 1024));
    if (options.stallAfter === undefined) req.end();
  });
}

/**
 * JSON bodies and /account's form posts are capped at 64 KiB on every /api route (lib/api/body-limit.ts): through the real
 * server, on each database. An over-limit body gets problem+json 413 naming the limit and changes
 * nothing; a body of exactly the limit still works.
 */
describe.each(databaseKinds)("JSON body limit (%s)", (kind: DatabaseKind) => {
  const fixture = adminServerFor(kind, ADMIN);
  const cookie = () => ({ cookie: fixture.admin.cookieHeader() });
  const apps = async (name: string) =>
    Number(
      (
        await sql<{ n: number | string }>(
          fixture.server.databaseUrl,
          'SELECT COUNT(*) AS n FROM "Application" WHERE name = $1',
          name,
        )
      )[0].n,
    );

  it("refuses a management call one byte over the limit, and takes one of exactly the limit", async () => {
    const over = await post(
      fixture.server.url,
      "/api/v1/applications",
      cookie(),
      padded({ type: "traditional", name: "Over" }, LIMIT + 1),
    );
    expect(over.status).toBe(413);
    expect(over.type).toContain("application/problem+json");
    expect(JSON.parse(over.body)).toMatchObject({
      status: 413,
      detail: `The request body must be at most ${LIMIT} bytes.`,
    });
    expect(await apps("Over")).toBe(0);

    const at = await post(
      fixture.server.url,
      "/api/v1/applications",
      cookie(),
      padded({ type: "traditional", name: "At" }, LIMIT),
    );
    expect(at.status, at.body).toBe(201);
    expect(await apps("At")).toBe(1);
  });

  it("takes an app import past the usual limit: an export file of many apps", async () => {
    const applications = Array.from({ length: 700 }, (_, i) => ({
      clientId: `imported-${kind}-${i}`,
      type: "spa",
      name: `Imported ${i}`,
      description: "An app from another Latchkey, brought over with its settings.",
      redirectUris: [`https://imported-${i}.example.com/auth/callback`],
    }));
    const file = JSON.stringify({ format: "latchkey.applications", version: 1, applications });
    expect(Buffer.byteLength(file)).toBeGreaterThan(2 * LIMIT);
    const imported = await post(fixture.server.url, "/api/v1/applications/import", cookie(), file);
    expect(imported.status, imported.body.slice(0, 300)).toBe(200);
    expect(JSON.parse(imported.body).created).toHaveLength(700);
  });

  it("answers a declared oversize body at once, without waiting for it", async () => {
    // 20 MB announced, a few bytes sent: the answer must come from the header alone.
    const announced = { cookie: fixture.admin.cookieHeader(), "content-length": String(20 * 1024 * 1024) };
    const answer = await post(fixture.server.url, "/api/v1/applications", announced, "{", { stallAfter: 1 });
    expect(answer.status).toBe(413);
  });

  it("stops reading a chunked body at the limit, without waiting for the rest", async () => {
    // No length to go by: the server counts, answers once past the limit, and never gets the end.
    const body = padded({ type: "traditional", name: "Chunked" }, 2 * LIMIT);
    const answer = await post(fixture.server.url, "/api/v1/applications", cookie(), body, {
      chunked: true,
      stallAfter: LIMIT + 16 * 1024,
    });
    expect(answer.status).toBe(413);
    expect(await apps("Chunked")).toBe(0);
  });

  it("caps the account page's JSON routes too: no challenge, no counted guess", async () => {
    const [user] = await sql<{ id: string }>(
      fixture.server.databaseUrl,
      'SELECT id FROM "User" WHERE email = $1',
      ADMIN.email,
    );
    const challenges = async () =>
      Number(
        (
          await sql<{ n: number | string }>(
            fixture.server.databaseUrl,
            'SELECT COUNT(*) AS n FROM "PasskeyChallenge" WHERE "userId" = $1',
            user.id,
          )
        )[0].n,
      );
    const over = await post(
      fixture.server.url,
      "/api/account/passkeys/options",
      cookie(),
      padded({ currentPassword: ADMIN.password }, LIMIT + 1),
    );
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).detail).toContain(String(LIMIT));
    expect(await challenges()).toBe(0);

    const at = await post(
      fixture.server.url,
      "/api/account/passkeys/options",
      cookie(),
      padded({ currentPassword: ADMIN.password }, LIMIT),
    );
    expect(at.status, at.body).toBe(200);
    expect(await challenges()).toBe(1);
  });

  it("caps /account's plain form posts too: the password stays, nothing is audited", async () => {
    const email = `form-${kind}@example.com`;
    const password = "form owner's password";
    expect((await fixture.server.cli("users", "create", "--email", email, "--password", password)).status).toBe(0);
    const browser = await signInToPages(fixture.server.url, { email, password }, "latchkey-account");
    const token = tokenOf(await accountHtml(browser, fixture.server.url), "/api/account/password");
    const fields = (padding: string) =>
      new URLSearchParams({
        token,
        currentPassword: password,
        password: "a new password 33",
        confirmPassword: "a new password 33",
        padding,
      }).toString();
    const bare = Buffer.byteLength(fields(""));
    const form = { cookie: browser.cookieHeader(), "content-type": "application/x-www-form-urlencoded" };
    const [row] = await sql<{ id: string; passwordHash: string }>(
      fixture.server.databaseUrl,
      'SELECT id, "passwordHash" FROM "User" WHERE email = $1',
      email,
    );
    const hash = async () =>
      (
        await sql<{ passwordHash: string }>(
          fixture.server.databaseUrl,
          'SELECT "passwordHash" FROM "User" WHERE id = $1',
          row.id,
        )
      )[0].passwordHash;
    const over = await post(fixture.server.url, "/api/account/password", form, fields("x".repeat(LIMIT + 1 - bare)));
    expect(over.status).toBe(413);
    expect(await hash()).toBe(row.passwordHash);
    const events = await sql<{ type: string }>(
      fixture.server.databaseUrl,
      'SELECT type FROM "AuditEvent" WHERE "userId" = $1',
      row.id,
    );
    expect(events.map((event) => event.type)).not.toContain("user.password_changed");

    // Exactly at the limit, the same form goes through.
    const at = await post(fixture.server.url, "/api/account/password", form, fields("x".repeat(LIMIT - bare)));
    expect(at.status).toBe(303);
    expect(await hash()).not.toBe(row.passwordHash);
  });
});
