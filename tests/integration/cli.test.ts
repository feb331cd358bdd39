import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliInProcess } from "../support/cli";
import { databaseKinds, databases, freshDatabases } from "../support/databases";
import { runCli } from "../support/server";

const APP_URL = "https://id.example.com";

// Commands run in process (support/cli.ts): the same `run` the bin calls, without a Node.js start
// per command. Each test has databases of its own, so none depends on what another left behind.
describe.each(databaseKinds)("the CLI on %s", (kind) => {
  const freshDatabase = freshDatabases();
  const cleanups: (() => void)[] = [];
  afterAll(() => {
    for (const cleanup of cleanups) cleanup();
  });
  /** A fresh, empty database and the CLI pointed at it. */
  async function freshCli() {
    const db = await freshDatabase(kind);
    const cli = (...args: string[]) => cliInProcess(db.url, args, { APP_URL });
    return { cli, url: db.url };
  }
  const json = async (result: Promise<{ status: number; stdout: string; stderr: string }>) => {
    const { status, stdout, stderr } = await result;
    expect(status, stderr).toBe(0);
    return JSON.parse(stdout);
  };

  it("creates apps with --json output an automation can use", async () => {
    const { cli } = await freshCli();
    const app = await json(
      cli(
        ...["apps", "create", "--name", "Wiki", "--type", "third-party"],
        ...["--redirect-uri", "https://wiki.example.com/oidc/callback", "--json"],
      ),
    );
    expect(app).toMatchObject({
      name: "Wiki",
      type: "third-party",
      issuer: "https://id.example.com/oidc",
      discoveryUrl: "https://id.example.com/oidc/.well-known/openid-configuration",
      redirectUris: ["https://wiki.example.com/oidc/callback"],
    });
    expect(app.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const spa = await json(cli("apps", "create", "--name", "SPA", "--type", "spa", "--json"));
    expect(spa.clientSecret).toBeUndefined();

    const shown = await json(cli("apps", "show", app.clientId, "--json"));
    expect(shown.clientId).toBe(app.clientId);
    expect(shown.clientSecret).toBeUndefined();
    const listed = await json(cli("apps", "list", "--json"));
    expect(listed.map((a: { clientId: string }) => a.clientId).sort()).toEqual([app.clientId, spa.clientId].sort());
  });

  it("exports apps to a file and imports them into another database, idempotently and without secrets", async () => {
    const source = await freshCli();
    await json(source.cli("apps", "create", "--name", "Wiki", "--type", "traditional", "--json"));
    await json(source.cli("apps", "create", "--name", "Jobs", "--type", "m2m", "--json"));
    const folder = mkdtempSync(join(tmpdir(), "latchkey-export-"));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const file = join(folder, "apps.json");
    expect((await source.cli("apps", "export", "--out", file)).status).toBe(0);
    const exported = readFileSync(file, "utf8");
    expect(exported).toContain("Wiki");
    expect(exported).not.toMatch(/"[A-Za-z0-9_-]{43}"/);

    const target = await freshCli();
    const first = await json(target.cli("apps", "import", file, "--json"));
    expect(first).toMatchObject({ created: expect.any(Array), withoutSecret: expect.any(Array) });
    expect(first.created).toHaveLength(2);
    const again = await target.cli("apps", "import", file);
    expect(again.stdout).toContain("Created 0, updated 0, unchanged 2");
    const bad = await target.cli("apps", "import", "/nonexistent.json");
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("not readable JSON");
  });

  it("suspends and reactivates a user by email", async () => {
    const { cli } = await freshCli();
    expect((await cli("users", "create", "--email", "kim@example.com", "--password", "a-long-passphrase")).status).toBe(
      0,
    );
    const suspended = await json(cli("users", "suspend", "kim@example.com", "--json"));
    expect(suspended).toMatchObject({ email: "kim@example.com", status: "suspended" });
    expect((await cli("users", "reactivate", "KIM@example.com")).stdout).toContain("kim@example.com is active");
    const missing = await cli("users", "suspend", "nobody@example.com");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("not found");
  });

  it.each([
    [["apps", "create", "--name", "X", "--type", "bogus"], /--type must be one of/],
    [["apps", "create", "--type", "spa"], /--name is required/],
    [
      ["apps", "create", "--name", "X", "--type", "spa", "--redirect-uri", "http://evil.example.com/cb"],
      /redirectUris\.0: Use https/,
    ],
    [
      ["apps", "create", "--name", "X", "--type", "traditional", "--redirect-uri", "https://a.example.com/cb#frag"],
      /fragment/,
    ],
    [["apps", "create", "--name", "X", "--type", "spa", "--color", "red"], /Unknown option '--color'/],
    [["users", "create", "--email", "not-an-email", "--password", "longenough"], /email: Enter a valid email/],
    [["users", "create", "--email", "a@example.com", "--password", "short"], /password: Use at least 8/],
    [
      ["users", "create", "--email", "a@example.com", "--password", "longenough", "--zoneinfo", "Mars/Base"],
      /^latchkey: zoneinfo: Enter a time zone .*\(--zoneinfo\)\n/,
    ],
    [
      ["users", "create", "--email", "a@example.com", "--password", "longenough", "--given-name", "\u202Eeve"],
      /^latchkey: givenName: .*direction-changing.*\(--given-name\)\n/,
    ],
    [["users", "update", "a@example.com"], /users update needs a field to change/],
    [["users", "update", "nobody@example.com", "--locale", "en"], /User nobody@example.com not found/],
    [["apps", "show", "nosuchclient"], /not found/],
    [["frobnicate"], /unknown command/],
  ])("rejects %j with one clear line, a non-zero exit and no change", async (args, message) => {
    const { cli } = await freshCli();
    await json(cli("apps", "create", "--name", "Existing", "--type", "spa", "--json"));
    const before = (await cli("apps", "list", "--json")).stdout;
    const result = await cli(...(args as string[]));
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message as RegExp);
    expect((await cli("apps", "list", "--json")).stdout).toBe(before);
    expect(JSON.parse(before)).toHaveLength(1);
  });

  it("refuses a second user with the same email", async () => {
    const { cli } = await freshCli();
    expect((await cli("admins", "create", "--email", "Root@Example.com", "--password", "a-strong-one")).status).toBe(0);
    const again = await cli("users", "create", "--email", "root@example.com", "--password", "another-one");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
  });
});

// What only a real process shows: the bin entry loads the bundle, prints, and exits with the code.
describe("the latchkey command", () => {
  const db = databases.sqlite();
  afterAll(async () => (await db).cleanup());

  it("prints JSON on success and exits 0", async () => {
    const created = runCli((await db).url, ["apps", "create", "--name", "Wiki", "--type", "spa", "--json"], {
      APP_URL,
    });
    expect(created.status, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: "Wiki", issuer: `${APP_URL}/oidc` });
  });

  it("exits 2 on a usage error and 1 on a missing record, each with one line on stderr", async () => {
    const usage = runCli((await db).url, ["apps", "create", "--type", "spa"]);
    expect([usage.status, usage.stderr]).toEqual([2, "latchkey: --name is required\n"]);
    const missing = runCli((await db).url, ["apps", "show", "nosuchclient"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^latchkey: .*not found/)]);
  });
});
