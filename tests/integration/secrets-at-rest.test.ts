import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleAuth } from "../../lib/console/built-in-clients";
import type { Env } from "../../lib/env";
import { open } from "../../lib/oidc/key-sealing";
import { generateSigningJwk } from "../../lib/oidc/keys";
import { generateSecret, type Kek, kekFromSecret } from "../../lib/secrets/envelope";
import { readSecretFile } from "../../lib/secrets/kek";
import { postgresDatabase } from "../support/databases";
import { runCli, startServer, type TestServer, tempSqlite, testSecret } from "../support/server";
import { waitFor } from "../support/wait";

const ADMIN = { email: "root@example.com", password: "admin passphrase" };
const PRIVATE_FIELDS = ["d", "p", "q", "dp", "dq", "qi"];

type KeyRow = { id: string; kind: string; value: string };
type Jwk = Record<string, string>;

const fileOf = (url: string) => url.replace(/^file:/, "");

/** Everything on disk for a SQLite database: the file and its write-ahead log, as text. */
function databaseBytes(file: string): string {
  const parts = [file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path));
  return Buffer.concat(parts).toString("latin1");
}

function sqliteRows<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const keyRows = (file: string) =>
  sqliteRows<KeyRow>(file, `SELECT id, kind, value FROM "KeyMaterial" WHERE kind IN ('signing', 'cookie')`);

const jwksOf = async (server: TestServer) =>
  ((await (await fetch(`${server.issuer}/jwks`)).json()) as { keys: Jwk[] }).keys;

/** The decrypted keys, as the server holds them (the test has the KEK). */
function decrypt(rows: KeyRow[], kek: Kek) {
  const plain = rows.map((row) => ({ ...row, plain: open(kek, row) }));
  return {
    signing: plain.filter((row) => row.kind === "signing").map((row) => JSON.parse(row.plain) as Jwk),
    cookie: plain.filter((row) => row.kind === "cookie").map((row) => row.plain),
  };
}

/** What the token endpoint says of the console's built-in client secret derived from `cookieKey`. */
async function consoleSecretAccepted(server: TestServer, cookieKey: string): Promise<boolean> {
  const { console: client } = consoleAuth({ APP_URL: server.url } as Env, cookieKey);
  const response = await fetch(`${server.issuer}/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: "made-up",
      redirect_uri: client.redirectUri,
      code_verifier: "x".repeat(43),
    }).toString(),
  });
  const { error } = (await response.json()) as { error: string };
  // A right secret gets past client authentication; the made-up code is then the problem.
  expect(["invalid_client", "invalid_grant"]).toContain(error);
  return error !== "invalid_client";
}

/** A next-auth session cookie made with the key derived from `cookieKey`, naming `user`. */
async function forgedConsoleCookie(server: TestServer, cookieKey: string, user: { id: string; email: string }) {
  const { sessionSecret } = consoleAuth({ APP_URL: server.url } as Env, cookieKey);
  const token = await encode({ token: { sub: user.id, email: user.email, name: "" }, secret: sessionSecret });
  return `next-auth.session-token=${token}`;
}

describe("keys at rest on the embedded database", () => {
  const db = tempSqlite();
  const file = fileOf(db.url);
  const secretFile = join(dirname(file), "secret.key");
  let server: TestServer;
  const copies: string[] = [];

  beforeAll(async () => {
    server = await startServer(db.url);
    expect((await server.cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password)).status).toBe(0);
  });

  afterAll(async () => {
    await server?.stop();
    db.cleanup();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps no private key, cookie key or key derived from it readable in the database file", async () => {
    // The KEK lives beside the database, readable by its owner only.
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const rows = keyRows(file);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row.value).toMatch(/^lk1\./);

    const keys = decrypt(rows, readSecretFile(secretFile));
    // The decrypted keys are the ones the server signs with: their public halves are in the JWKS.
    const published = await jwksOf(server);
    for (const jwk of keys.signing) {
      const match = published.find((key) => key.kid === jwk.kid);
      expect(match?.n ?? match?.x).toBe(jwk.n ?? jwk.x);
    }

    const bytes = databaseBytes(file);
    expect(bytes).not.toContain('"d":"');
    const secrets: string[] = [];
    for (const jwk of keys.signing) for (const field of PRIVATE_FIELDS) if (jwk[field]) secrets.push(jwk[field]);
    for (const cookieKey of keys.cookie) {
      const derived = consoleAuth({ APP_URL: server.url } as Env, cookieKey);
      secrets.push(cookieKey, derived.sessionSecret, derived.console.clientSecret, derived.account.clientSecret);
    }
    expect(secrets.length).toBeGreaterThan(8);
    for (const secret of secrets)
      expect(bytes.includes(secret), "a secret is readable in the database file").toBe(false);
    // The test's derivation is the server's: the real cookie key's console secret is accepted.
    expect(await consoleSecretAccepted(server, keys.cookie[0])).toBe(true);
  });

  it("gives whoever copies the database file no console session, no client secret and no server", async () => {
    const dir = mkdtempSync(join(tmpdir(), "latchkey-copy-"));
    copies.push(dir);
    const copy = join(dir, "latchkey.db");
    const source = new Database(file, { readonly: true });
    await source.backup(copy);
    source.close();

    // Everything the copy holds that could be a key, tried as the cookie key the console derives from.
    const [admin] = sqliteRows<{ id: string; email: string }>(
      copy,
      `SELECT id, email FROM "User" WHERE role = 'admin'`,
    );
    const candidates = sqliteRows<{ value: string }>(copy, `SELECT value FROM "KeyMaterial"`).map((row) => row.value);
    expect(candidates.length).toBeGreaterThanOrEqual(3);
    for (const candidate of candidates) {
      const users = await fetch(`${server.url}/api/v1/users`, {
        headers: { cookie: await forgedConsoleCookie(server, candidate, admin) },
      });
      expect(users.status).toBe(401);
      expect(await consoleSecretAccepted(server, candidate)).toBe(false);
    }

    // Started on the copy, Latchkey refuses, saying why: no secret.key beside it...
    await expect(startServer(`file:${copy}`)).rejects.toThrow(/secret\.key is missing.*key-encryption key [0-9a-f]+/);
    expect(existsSync(join(dir, "secret.key"))).toBe(false);
    // ...or another one.
    await expect(startServer(`file:${copy}`, { LATCHKEY_SECRET: generateSecret() })).rejects.toThrow(
      /encrypted with key-encryption key [0-9a-f]+, but LATCHKEY_SECRET is [0-9a-f]+/,
    );
  });

  it("refuses a LATCHKEY_SECRET shorter than 32 bytes at start, naming it", async () => {
    const fresh = tempSqlite();
    try {
      await expect(startServer(fresh.url, { LATCHKEY_SECRET: "too-short-a-secret" })).rejects.toThrow(
        /LATCHKEY_SECRET.*too short.*at least 32/,
      );
    } finally {
      fresh.cleanup();
    }
  });
});

describe("keys an older version stored in plain text", () => {
  const db = tempSqlite();
  const file = fileOf(db.url);
  afterAll(() => db.cleanup());

  it("are encrypted in place on start, keeping the same keys, and leave nothing readable behind", async () => {
    let server = await startServer(db.url);
    await server.stop();
    // Put the database back as a version before encryption at rest left it: the same rows, in plain text.
    const sqlite = new Database(file);
    const rows = sqlite
      .prepare(`SELECT id, kind, alg FROM "KeyMaterial" WHERE kind IN ('signing', 'cookie')`)
      .all() as {
      id: string;
      kind: string;
      alg: string | null;
    }[];
    const plain = new Map<string, string>();
    for (const row of rows) {
      const value =
        row.kind === "cookie"
          ? generateSecret()
          : JSON.stringify({ ...generateSigningJwk(row.alg as "RS256" | "ES256"), kid: row.id });
      plain.set(row.id, value);
      sqlite.prepare(`UPDATE "KeyMaterial" SET value = ? WHERE id = ?`).run(value, row.id);
    }
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.close();
    expect(databaseBytes(file)).toContain('"d":"');

    server = await startServer(db.url);
    try {
      const published = await jwksOf(server);
      const stored = keyRows(file);
      for (const row of stored) expect(row.value).toMatch(/^lk1\./);
      const bytes = databaseBytes(file);
      expect(bytes).not.toContain('"d":"');
      for (const [id, value] of plain) {
        const row = rows.find((r) => r.id === id);
        if (row?.kind === "cookie") {
          expect(bytes.includes(value)).toBe(false);
          // Same cookie key as before: what was derived from it still works.
          expect(await consoleSecretAccepted(server, value)).toBe(true);
          continue;
        }
        const jwk = JSON.parse(value) as Jwk;
        expect(published.find((key) => key.kid === id)?.[jwk.n ? "n" : "x"]).toBe(jwk.n ?? jwk.x);
        for (const field of PRIVATE_FIELDS) if (jwk[field]) expect(bytes.includes(jwk[field])).toBe(false);
      }
    } finally {
      await server.stop();
    }
  });
});

describe("rotating the key-encryption key", () => {
  const db = tempSqlite();
  afterAll(() => db.cleanup());
  const oldSecret = generateSecret();
  const newSecret = generateSecret();
  const kids = async (server: TestServer) => (await jwksOf(server)).map((key) => key.kid).sort();

  it("re-encrypts every key under the new secret, once, and the old secret no longer starts the server", async () => {
    let server = await startServer(db.url, { LATCHKEY_SECRET: oldSecret });
    const before = await kids(server);
    await server.stop();

    const oldKek = kekFromSecret(oldSecret, "old");
    const newKek = kekFromSecret(newSecret, "new");
    const rewrap = () =>
      runCli(db.url, ["keys", "rewrap"], { LATCHKEY_SECRET: oldSecret, LATCHKEY_SECRET_NEW: newSecret });
    const first = rewrap();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Re-encrypted 3 keys from key-encryption key ${oldKek.id} to ${newKek.id}`);
    for (const row of keyRows(fileOf(db.url))) expect(row.value).toMatch(new RegExp(`^lk1\\.${newKek.id}\\.`));
    // Again: nothing left to do, and it says so.
    const second = rewrap();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain("Re-encrypted 0 keys");
    expect(second.stdout).toContain("3 already under it");
    // Without a new secret it changes nothing and says how to give one.
    const bare = runCli(db.url, ["keys", "rewrap"], { LATCHKEY_SECRET: newSecret });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain("LATCHKEY_SECRET_NEW");

    await expect(startServer(db.url, { LATCHKEY_SECRET: oldSecret })).rejects.toThrow(
      new RegExp(`encrypted with key-encryption key ${newKek.id}, but LATCHKEY_SECRET is ${oldKek.id}`),
    );
    server = await startServer(db.url, { LATCHKEY_SECRET: newSecret });
    try {
      expect(await kids(server)).toEqual(before);
    } finally {
      await server.stop();
    }
  });

  it("on the embedded database, --generate writes a new secret.key and keeps the old one aside", async () => {
    const fresh = tempSqlite();
    try {
      const secretFile = join(dirname(fileOf(fresh.url)), "secret.key");
      let server = await startServer(fresh.url);
      const before = await kids(server);
      await server.stop();
      const oldContent = readFileSync(secretFile, "utf8");

      const result = runCli(fresh.url, ["keys", "rewrap", "--generate", "--json"]);
      expect(result.status, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as { rewrapped: number; from: string; to: string };
      expect(report.rewrapped).toBe(3);
      expect(report.to).not.toBe(report.from);
      expect(readFileSync(`${secretFile}.old`, "utf8")).toBe(oldContent);
      expect(readFileSync(secretFile, "utf8")).not.toBe(oldContent);
      expect(statSync(secretFile).mode & 0o777).toBe(0o600);
      expect(readSecretFile(secretFile).id).toBe(report.to);

      server = await startServer(fresh.url);
      try {
        expect(await kids(server)).toEqual(before);
      } finally {
        await server.stop();
      }
      // A run stopped between its two renames (no secret.key, the new one still beside it):
      // the next run finishes the swap and rotates nothing more.
      const newContent = readFileSync(secretFile, "utf8");
      renameSync(secretFile, `${secretFile}.new`);
      const resumed = runCli(fresh.url, ["keys", "rewrap", "--generate", "--json"]);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ rewrapped: 0, alreadyCurrent: 3, to: report.to });
      expect(readFileSync(secretFile, "utf8")).toBe(newContent);
      expect(readFileSync(`${secretFile}.old`, "utf8")).toBe(oldContent);

      // An old secret.key put back no longer opens the keys.
      writeFileSync(secretFile, oldContent);
      await expect(startServer(fresh.url)).rejects.toThrow(/encrypted with key-encryption key/);
    } finally {
      fresh.cleanup();
    }
  });
});

describe("keys at rest on PostgreSQL", () => {
  let url: string;
  let server: TestServer | undefined;

  beforeAll(async () => {
    url = await postgresDatabase();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function storedValues(): Promise<KeyRow[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(`SELECT id, kind, value FROM "KeyMaterial" WHERE kind IN ('signing', 'cookie')`))
        .rows as KeyRow[];
    } finally {
      await client.end();
    }
  }

  it("requires LATCHKEY_SECRET, stores only encrypted keys, and every process with the secret reads them", async () => {
    await expect(startServer(url, { LATCHKEY_SECRET: "" })).rejects.toThrow(
      /LATCHKEY_SECRET is required with PostgreSQL/,
    );
    server = await startServer(url);
    const rows = await storedValues();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.value).toMatch(/^lk1\./);
      expect(row.value).not.toContain('"d"');
    }
    const kek = kekFromSecret(testSecret(url), "test");
    const { cookie } = decrypt(rows, kek);
    expect(await consoleSecretAccepted(server, cookie[0])).toBe(true);

    // The CLI (a separate process with the same secret) adds a key; the server publishes it.
    const rotated = runCli(url, ["keys", "rotate", "--alg", "ES256", "--json"]);
    expect(rotated.status, rotated.stderr).toBe(0);
    const { kid } = JSON.parse(rotated.stdout) as { kid: string };
    // (A connection left idle while the CLI blocked this process may be closed under the first try.)
    const published = () => jwksOf(server as TestServer).catch(() => [] as Jwk[]);
    await waitFor(
      `the server to publish ${kid}`,
      async () => (await published()).some((key) => key.kid === kid),
      15_000,
    );

    // A second instance with another secret refuses to start, naming both key ids.
    await expect(startServer(url, { LATCHKEY_SECRET: generateSecret() })).rejects.toThrow(
      new RegExp(`encrypted with key-encryption key ${kek.id}, but LATCHKEY_SECRET is [0-9a-f]+`),
    );
  });
});
