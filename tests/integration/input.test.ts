import { describe, expect, it } from "vitest";
import { connect } from "../../lib/db/client";
import { adminServerFor } from "../support/admin-server";
import { databaseKinds } from "../support/databases";
import { waitFor } from "../support/wait";

const ADMIN = { email: "ops@example.com", password: "admin-passphrase" };
/**
 * Input that once gave a 500, was silently ignored, or was stored and later misread: each is a 400
 * naming the field, on both databases (PostgreSQL refuses NUL in text, SQLite stores it), and
 * nothing is written.
 */
describe.each(databaseKinds)("refusing bad input on %s", (kind) => {
  const latchkey = adminServerFor(kind, ADMIN);
  const { api } = latchkey;
  /** A PATCH whose body is sent exactly as written, so a number too large for a double keeps its digits. */
  const rawPatch = async (path: string, json: string) => {
    const response = await latchkey.admin.fetch(`${latchkey.server.url}/api/v1${path}`, {
      method: "PATCH",
      headers: { origin: latchkey.server.url, "content-type": "application/json" },
      body: json,
    });
    return { status: response.status, body: await response.json() };
  };
  const appCount = async () => {
    const [first, third] = await Promise.all([
      api("GET", "/applications?party=first-party"),
      api("GET", "/applications?party=third-party"),
    ]);
    return first.body.total + third.body.total;
  };

  it.each([
    ["a lone surrogate", "Wiki\uD800", /surrogate/],
    ["NUL", "Wi\u0000ki", /control characters/],
    ["a right-to-left override", "Invoice \u202Efdp.exe", /direction-changing/],
  ])("refuses %s in a name with a 400 naming it, and creates nothing", async (_what, name, message) => {
    const before = await appCount();
    const app = await api("POST", "/applications", { type: "spa", name });
    expect(app.status).toBe(400);
    expect(app.body.errors.name[0]).toMatch(message);
    const user = await api("POST", "/users", { email: "kim@example.com", password: "a-long-passphrase", name });
    expect(user.status).toBe(400);
    expect(Object.keys(user.body.errors)).toEqual(["name"]);
    expect(await appCount()).toBe(before);
    expect((await api("GET", "/users?search=kim@example.com")).body.total).toBe(0);
  });

  it.each([
    ["1e300", "1e300"],
    ["2**63", "9223372036854775808"],
    ['"x"', '"x"'],
    ["0", "0"],
    ["1.5", "1.5"],
    ["null", "null"],
  ])("refuses version %s on an update with a 400 naming version, and saves nothing", async (_what, version) => {
    const created = await api("POST", "/applications", { type: "traditional", name: "Billing" });
    const { id } = created.body.application;
    const app = await rawPatch(`/applications/${id}`, `{"name":"Billing (overwritten)","version":${version}}`);
    expect(app.status).toBe(400);
    expect(Object.keys(app.body.errors)).toEqual(["version"]);
    const stored = (await api("GET", `/applications/${id}`)).body;
    expect([stored.name, stored.version]).toEqual(["Billing", created.body.application.version]);

    const user = await api("POST", "/users", {
      email: `v${Date.now()}${Math.random().toString(36).slice(2)}@example.com`,
      password: "a-long-passphrase",
      name: "Vera",
    });
    const edited = await rawPatch(`/users/${user.body.id}`, `{"name":"Vera (overwritten)","version":${version}}`);
    expect(edited.status).toBe(400);
    expect(Object.keys(edited.body.errors)).toEqual(["version"]);
    expect((await api("GET", `/users/${user.body.id}`)).body.name).toBe("Vera");
  });

  it("still saves with a current version and refuses a stale one", async () => {
    const created = await api("POST", "/applications", { type: "traditional", name: "Ledger" });
    const { id, version } = created.body.application;
    expect((await api("PATCH", `/applications/${id}`, { name: "Ledger v2", version })).status).toBe(200);
    expect((await api("PATCH", `/applications/${id}`, { name: "Ledger v3", version })).status).toBe(409);
  });

  it.each(["https://rp.exa\tmple.com/cb", "https://rp.example.com/cb\nx", "https://rp.example.com/cb\u0000"])(
    "refuses the redirect URI %j and keeps the stored list",
    async (uri) => {
      const before = await appCount();
      const refused = await api("POST", "/applications", { type: "traditional", name: "RP", redirectUris: [uri] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors["redirectUris.0"][0]).toMatch(/spaces, tabs, line breaks/);
      expect(await appCount()).toBe(before);

      const ok = "https://rp.example.com/cb";
      const created = await api("POST", "/applications", { type: "traditional", name: "RP", redirectUris: [ok] });
      const { id } = created.body.application;
      const patched = await api("PATCH", `/applications/${id}`, {
        redirectUris: [ok, uri],
        postLogoutRedirectUris: [uri],
        corsOrigins: [uri.replace("/cb", "")],
      });
      expect(patched.status).toBe(400);
      expect(Object.keys(patched.body.errors).sort()).toEqual([
        "corsOrigins.0",
        "postLogoutRedirectUris.0",
        "redirectUris.1",
      ]);
      const stored = (await api("GET", `/applications/${id}`)).body;
      expect([stored.redirectUris, stored.postLogoutRedirectUris, stored.corsOrigins]).toEqual([[ok], [], []]);
    },
  );

  it("refuses an import carrying a bad name or URI, naming the row, and imports nothing", async () => {
    const before = await appCount();
    const file = {
      format: "latchkey.applications",
      version: 1,
      applications: [
        { clientId: "good-app", type: "spa", name: "Good" },
        { clientId: "bad-app", type: "traditional", name: "Bad\u202E", redirectUris: ["https://rp.exa\tmple.com/cb"] },
      ],
    };
    const imported = await api("POST", "/applications/import", file);
    expect(imported.status).toBe(400);
    expect(Object.keys(imported.body.errors).sort()).toEqual(["applications.1.name", "applications.1.redirectUris.0"]);
    expect(await appCount()).toBe(before);
  });

  it.each(["page=1e300", "page=9223372036854775808", "pageSize=abc", "page=0"])(
    "answers ?%s with a 400 naming the parameter",
    async (query) => {
      for (const path of ["/users", "/applications", "/audit"]) {
        const response = await api("GET", `${path}?${query}`);
        expect(response.status, `${path}?${query}`).toBe(400);
        expect(Object.keys(response.body.errors)).toEqual([query.split("=")[0]]);
      }
    },
  );

  it.each(["/api/v1/users/%F0", "/api/v1/applications/%ED%A0%80", "/users/%F0", "/applications/%ED%A0%80/x"])(
    "answers %s, a path that is not UTF-8, with a 400",
    async (path) => {
      const response = await latchkey.admin.fetch(`${latchkey.server.url}${path}`, {
        headers: { origin: latchkey.server.url },
      });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 400, detail: "The path is not valid UTF-8." });
    },
  );

  it("answers an audit date out of any database's range with a 400 naming it", async () => {
    const response = await api("GET", "/audit?from=-271821-04-20&to=%2B275760-09-13");
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.errors).sort()).toEqual(["from", "to"]);
    expect((await api("GET", "/audit?from=2026-01-01&to=2026-12-31")).status).toBe(200);
  });

  it("answers a NUL in a query or path parameter with a 400, not a database error", async () => {
    const audit = await api("GET", "/audit?userId=%00x");
    expect(audit.status).toBe(400);
    expect(Object.keys(audit.body.errors)).toEqual(["userId"]);
    expect((await api("GET", "/users?search=%00")).status).toBe(400);
    for (const path of ["/api/v1/users/x%00y", "/users/x%00y", "/applications/%1B"]) {
      const response = await latchkey.admin.fetch(`${latchkey.server.url}${path}`, {
        headers: { origin: latchkey.server.url },
      });
      expect(response.status, path).toBe(400);
      expect(await response.json()).toMatchObject({ detail: "The path holds a control character." });
    }
  });

  /**
   * A failing query's log line names the error, never the data: Prisma prints a validation
   * error's arguments in its message. A version SQLite holds but Prisma cannot send back (a
   * damaged row; PostgreSQL's integer column cannot hold one) makes the save fail that way.
   */
  it.runIf(kind === "sqlite")("logs a failed query without the names and emails it carried", async () => {
    const user = await api("POST", "/users", { email: "vic@example.com", password: "a-long-passphrase", name: "Vic" });
    const direct = await connect(latchkey.server.databaseUrl);
    try {
      await direct.prisma.$executeRawUnsafe(`UPDATE "User" SET version = 1e300 WHERE id = ?`, user.body.id);
    } finally {
      await direct.prisma.$disconnect();
    }
    const failed = await api("PATCH", `/users/${user.body.id}`, {
      name: "Grace Brewster Hopper",
      email: "grace.hopper@example.com",
    });
    expect(failed.status).toBe(500);
    expect(JSON.stringify(failed.body)).not.toContain("Brewster");
    // The line for this request: an earlier test's 500 (on a build without the fixes) has its own path.
    const path = `/api/v1/users/${user.body.id}`;
    const errorLine = () =>
      latchkey.server
        .logs()
        .split("\n")
        .find((l) => l.includes("API request failed") && l.includes(path));
    const line = await waitFor("the request's error line in the server's log", errorLine, 10_000);
    expect(JSON.parse(line).error).toMatchObject({
      name: "PrismaClientValidationError",
      message: "Unable to fit value 1e+300 into a 64-bit signed integer for field `version`",
    });
    expect(latchkey.server.logs()).not.toContain("Brewster");
    expect(latchkey.server.logs()).not.toContain("grace.hopper");
  });

  it("answers no hostile value in any field of any write endpoint with a 5xx", async () => {
    const hostile: unknown[] = ["a\u0000b", "\uD800", 1e300, 2 ** 63, -1, 1.5, null, [], {}, ["\uD800"]];
    const third = (await api("POST", "/applications", { type: "third-party", name: "Sweep", redirectUris: [] })).body;
    const web = (await api("POST", "/applications", { type: "traditional", name: "Sweep web" })).body;
    const user = (await api("POST", "/users", { email: "sweep@example.com", password: "a-long-passphrase" })).body;
    const appFields = [
      ...["type", "name", "description", "redirectUris", "postLogoutRedirectUris", "corsOrigins", "allowedScopes"],
      ...["displayName", "logoUrl", "logoDarkUrl", "termsUrl", "privacyUrl", "accessTokenTtl", "refreshTokenTtl"],
      ...["alwaysIssueRefreshToken", "rotateRefreshToken", "pkcePolicy", "tokenEndpointAuthMethod", "version"],
    ];
    const userFields = ["email", "password", "name", "role", "emailVerified", "phone", "picture", "version"];
    const calls: [string, string, Record<string, unknown>, string[]][] = [
      ["POST", "/applications", { type: "third-party", name: "N" }, appFields],
      ["PATCH", `/applications/${third.application.id}`, {}, appFields],
      ["PATCH", `/applications/${web.application.id}`, {}, appFields],
      ["POST", "/users", { email: "n@example.com", password: "a-long-passphrase" }, userFields],
      ["PATCH", `/users/${user.id}`, {}, userFields],
      ["PUT", `/users/${user.id}/password`, {}, ["password"]],
      ["PUT", `/users/${user.id}/status`, {}, ["status"]],
      ["POST", `/applications/${web.application.id}/secrets`, {}, ["name", "expiresInDays"]],
      ["POST", "/keys", {}, ["alg"]],
    ];
    const failures: string[] = [];
    for (const value of hostile) {
      for (const [method, path, base, fields] of calls) {
        for (const field of fields) {
          const { status } = await api(method, path, { ...base, [field]: value });
          if (status >= 500) failures.push(`${method} ${path} ${field}=${JSON.stringify(value)}: ${status}`);
        }
        const { status } = await api(method, path, value);
        if (status >= 500) failures.push(`${method} ${path} body ${JSON.stringify(value)}: ${status}`);
      }
      for (const field of appFields) {
        const app = { clientId: "sweep-import", type: "third-party", name: "Imported", [field]: value };
        const file = { format: "latchkey.applications", version: 1, applications: [app] };
        const { status } = await api("POST", "/applications/import", file);
        if (status >= 500) failures.push(`import ${field}=${JSON.stringify(value)}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  // Last: spawnSync blocks this process for seconds, and the HTTP client's idle connection is
  // closed by the server meanwhile without the client noticing, so the next request would fail.
  it("refuses the same input on the command line with one line and a non-zero exit", async () => {
    const before = (await latchkey.server.cli("apps", "list", "--json")).stdout;
    const cases = [
      ["apps", "create", "--type", "spa", "--name", "Invoice \u202Efdp.exe"],
      ["apps", "create", "--type", "traditional", "--name", "RP", "--redirect-uri", "https://rp.exa\tmple.com/cb"],
      ["apps", "create", "--type", "traditional", "--name", "RP", "--redirect-uri", "https://rp.example.com/cb\nx"],
      ["users", "create", "--email", "cli@example.com", "--password", "a-long-passphrase", "--name", "Ada\u0007"],
    ];
    for (const args of cases) {
      const result = await latchkey.server.cli(...args);
      expect(result.status, args.join(" ")).not.toBe(0);
      expect(result.stderr.trimEnd().split("\n"), result.stderr).toHaveLength(1);
      expect(result.stderr).toMatch(/^latchkey: (name|redirectUris\.0): /);
    }
    expect((await latchkey.server.cli("apps", "list", "--json")).stdout).toBe(before);
    expect((await latchkey.server.cli("users", "suspend", "cli@example.com")).status).toBe(1);
  });
});
