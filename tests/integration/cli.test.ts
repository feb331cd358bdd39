import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempSqlite } from "../support/server";

describe("the CLI", () => {
  const db = tempSqlite();
  afterAll(() => db.cleanup());
  const cli = (...args: string[]) => runCli(db.url, args, { APP_URL: "https://id.example.com" });

  it("creates apps with --json output an automation can use", () => {
    const created = cli(
      "apps",
      "create",
      "--name",
      "Wiki",
      "--type",
      "third-party",
      "--redirect-uri",
      "https://wiki.example.com/oidc/callback",
      "--json",
    );
    expect(created.status).toBe(0);
    const app = JSON.parse(created.stdout);
    expect(app).toMatchObject({
      name: "Wiki",
      type: "third-party",
      issuer: "https://id.example.com/oidc",
      discoveryUrl: "https://id.example.com/oidc/.well-known/openid-configuration",
      redirectUris: ["https://wiki.example.com/oidc/callback"],
    });
    expect(app.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const spa = JSON.parse(cli("apps", "create", "--name", "SPA", "--type", "spa", "--json").stdout);
    expect(spa.clientSecret).toBeUndefined();

    const shown = JSON.parse(cli("apps", "show", app.clientId, "--json").stdout);
    expect(shown.clientId).toBe(app.clientId);
    expect(shown.clientSecret).toBeUndefined();
    expect(JSON.parse(cli("apps", "list", "--json").stdout)).toHaveLength(2);
  });

  it("exports apps to a file and imports them into another database, idempotently and without secrets", () => {
    const file = `${db.url.replace(/^file:/, "")}.apps.json`;
    expect(cli("apps", "export", "--out", file).status).toBe(0);
    const exported = readFileSync(file, "utf8");
    expect(exported).toContain("Wiki");
    expect(exported).not.toMatch(/"[A-Za-z0-9_-]{43}"/);

    const other = tempSqlite();
    try {
      const first = runCli(other.url, ["apps", "import", file, "--json"]);
      expect(first.status, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ created: expect.any(Array), withoutSecret: expect.any(Array) });
      expect(JSON.parse(first.stdout).created).toHaveLength(2);
      const again = runCli(other.url, ["apps", "import", file]);
      expect(again.stdout).toContain("Created 0, updated 0, unchanged 2");
      const bad = runCli(other.url, ["apps", "import", "/nonexistent.json"]);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain("not readable JSON");
    } finally {
      other.cleanup();
    }
  });

  it("suspends and reactivates a user by email", () => {
    expect(cli("users", "create", "--email", "kim@example.com", "--password", "a-long-passphrase").status).toBe(0);
    const suspended = cli("users", "suspend", "kim@example.com", "--json");
    expect(JSON.parse(suspended.stdout)).toMatchObject({ email: "kim@example.com", status: "suspended" });
    expect(cli("users", "reactivate", "KIM@example.com").stdout).toContain("kim@example.com is active");
    const missing = cli("users", "suspend", "nobody@example.com");
    expect(missing.status).not.toBe(0);
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
    [["apps", "show", "nosuchclient"], /not found/],
    [["frobnicate"], /unknown command/],
  ])("rejects %j with one clear line, a non-zero exit and no change", (args, message) => {
    const before = cli("apps", "list", "--json").stdout;
    const result = cli(...(args as string[]));
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message as RegExp);
    expect(cli("apps", "list", "--json").stdout).toBe(before);
  });

  it("refuses a second user with the same email", () => {
    expect(cli("admins", "create", "--email", "Root@Example.com", "--password", "a-strong-one").status).toBe(0);
    const again = cli("users", "create", "--email", "root@example.com", "--password", "another-one");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
  });
});
