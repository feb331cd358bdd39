import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliInProcess } from "../support/cli";
import { type DatabaseKind, databaseKinds, databases } from "../support/databases";
import { startServer } from "../support/server";

/**
 * `apps create` / `apps update` flags for every setting, and the issuer `apps create` reports,
 * run in process through `run()` against a fresh database of each kind.
 */
describe.each(databaseKinds)("the CLI's app settings on %s", (kind: DatabaseKind) => {
  let db: { url: string; cleanup(): void };
  const cli = (...args: string[]) => cliInProcess(db.url, args, { APP_URL: "https://id.example.com" });
  const json = async (...args: string[]) => {
    const result = await cli(...args, "--json");
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    db = await databases[kind]();
  });
  afterAll(() => db.cleanup());

  it("creates an app with every setting given as a flag", async () => {
    const app = await json(
      ...["apps", "create", "--type", "third-party", "--name", "Wiki", "--description", "Docs"],
      ...["--redirect-uri", "https://wiki.example.com/cb", "--redirect-uri", "https://wiki.example.com/cb2"],
      ...["--post-logout-redirect-uri", "https://wiki.example.com/", "--cors-origin", "https://wiki.example.com"],
      ...["--scope", "profile", "--scope", "phone", "--display-name", "The Wiki"],
      ...["--logo-url", "https://wiki.example.com/logo.png", "--logo-dark-url", "https://wiki.example.com/dark.png"],
      ...["--terms-url", "https://wiki.example.com/terms", "--privacy-url", "https://wiki.example.com/privacy"],
      ...["--access-token-ttl", "900", "--refresh-token-ttl", "604800", "--token-auth-method", "client_secret_post"],
      ...["--pkce-policy", "required", "--always-issue-refresh-token", "--no-rotate-refresh-token"],
    );
    const expected = {
      type: "third-party",
      name: "Wiki",
      description: "Docs",
      redirectUris: ["https://wiki.example.com/cb", "https://wiki.example.com/cb2"],
      postLogoutRedirectUris: ["https://wiki.example.com/"],
      corsOrigins: ["https://wiki.example.com"],
      allowedScopes: ["profile", "phone"],
      displayName: "The Wiki",
      logoUrl: "https://wiki.example.com/logo.png",
      logoDarkUrl: "https://wiki.example.com/dark.png",
      termsUrl: "https://wiki.example.com/terms",
      privacyUrl: "https://wiki.example.com/privacy",
      accessTokenTtl: 900,
      refreshTokenTtl: 604800,
      tokenEndpointAuthMethod: "client_secret_post",
      pkcePolicy: "required",
      alwaysIssueRefreshToken: true,
      rotateRefreshToken: false,
    };
    expect(app).toMatchObject(expected);
    expect(app.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // What was stored, read back by another command.
    expect(await json("apps", "show", app.clientId)).toMatchObject(expected);
  });

  it("updates only the settings given, and turns switches off, lifetimes to default and lists empty", async () => {
    const app = await json(
      ...["apps", "create", "--type", "traditional", "--name", "Portal", "--pkce-policy", "required"],
      ...["--cors-origin", "https://portal.example.com", "--access-token-ttl", "600"],
    );
    const updated = await json(
      ...["apps", "update", app.clientId, "--pkce-policy", "not_required", "--access-token-ttl", "default"],
      ...["--cors-origin", ""],
    );
    expect(updated).toMatchObject({
      pkcePolicy: "not_required",
      accessTokenTtl: null,
      corsOrigins: [],
      name: "Portal",
    });
    expect(updated.version).toBe(app.version + 1);
    expect((await json("apps", "update", app.clientId, "--name", "Portal 2")).pkcePolicy).toBe("not_required");
  });

  it("registers private_key_jwt keys from a file or a URI, and names the flag of bad keys", async () => {
    const dir = mkdtempSync(join(tmpdir(), "latchkey-cli-keys-"));
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const keys = { keys: [{ ...publicKey.export({ format: "jwk" }), kid: "k1" }] };
    writeFileSync(join(dir, "public.json"), JSON.stringify(keys));
    writeFileSync(join(dir, "private.json"), JSON.stringify({ keys: [privateKey.export({ format: "jwk" })] }));
    try {
      const app = await json(
        ...["apps", "create", "--type", "m2m", "--name", "Signer", "--token-auth-method", "private_key_jwt"],
        ...["--jwks-file", join(dir, "public.json")],
      );
      expect(app).toMatchObject({ tokenEndpointAuthMethod: "private_key_jwt", jwks: keys, jwksUri: "" });
      const moved = await json(
        ...["apps", "update", app.clientId, "--jwks-file", "", "--jwks-uri", "https://keys.example.com/jwks.json"],
      );
      expect(moved).toMatchObject({ jwks: null, jwksUri: "https://keys.example.com/jwks.json" });
      const refusals: [string[], string][] = [
        [["--jwks-file", join(dir, "private.json"), "--jwks-uri", ""], "--jwks-file"],
        // Both ways at once: the first field named is the key set (the message names both).
        [["--jwks-file", join(dir, "public.json")], "--jwks-file"],
        [["--jwks-uri", "http://keys.example.com/jwks.json"], "--jwks-uri"],
        [["--jwks-file", join(dir, "missing.json")], "--jwks-file"],
      ];
      for (const [flags, flag] of refusals) {
        const result = await cli("apps", "update", app.clientId, ...flags);
        expect(result.status, flags.join(" ")).not.toBe(0);
        expect(result.stderr, flags.join(" ")).toContain(flag);
      }
      expect(await json("apps", "show", app.clientId)).toMatchObject({ version: moved.version, jwks: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the flag of a bad value and changes nothing", async () => {
    const app = await json("apps", "create", "--type", "spa", "--name", "Board");
    const refusals: [string[], string][] = [
      [["--access-token-ttl", "10"], "--access-token-ttl"],
      [["--access-token-ttl", "1h"], "--access-token-ttl"],
      [["--cors-origin", "https://board.example.com/path"], "--cors-origin"],
      [["--pkce-policy", "not_required"], "--pkce-policy"],
      [["--token-auth-method", "client_secret_post"], "--token-auth-method"],
      [["--display-name", "Board"], "--display-name"],
    ];
    for (const [flags, flag] of refusals) {
      const result = await cli("apps", "update", app.clientId, ...flags);
      expect(result.status, flags.join(" ")).not.toBe(0);
      expect(result.stderr, flags.join(" ")).toContain(flag);
    }
    const created = await cli(
      "apps",
      "create",
      "--type",
      "traditional",
      "--name",
      "X",
      "--token-auth-method",
      "pigeon",
    );
    expect(created.stderr).toContain("--token-auth-method");
    expect(await json("apps", "show", app.clientId)).toMatchObject({ version: app.version, corsOrigins: [] });
    expect((await cli("apps", "update", app.clientId)).stderr).toContain("needs a setting to change");
  });
});

describe("the issuer apps create reports", () => {
  let db: { url: string; cleanup(): void };
  beforeAll(async () => {
    db = await databases.sqlite();
  });
  afterAll(() => db.cleanup());

  const created = async (env: Record<string, string>) => {
    const result = await cliInProcess(db.url, ["apps", "create", "--type", "spa", "--name", "S", "--json"], env);
    expect(result.status, result.stderr).toBe(0);
    const { issuer, issuerSource, discoveryUrl } = JSON.parse(result.stdout);
    return { issuer, issuerSource, discoveryUrl };
  };

  it("is APP_URL's (or its default) until a server starts, then the server's, and says which", async () => {
    expect(await created({})).toEqual({
      issuer: "http://localhost:3000/oidc",
      issuerSource: "default",
      discoveryUrl: "http://localhost:3000/oidc/.well-known/openid-configuration",
    });
    expect(await created({ APP_URL: "https://id.example.com" })).toMatchObject({
      issuer: "https://id.example.com/oidc",
      issuerSource: "APP_URL",
    });

    const server = await startServer(db.url);
    try {
      // The CLI runs elsewhere, with another APP_URL or none: the server's issuer is what apps need.
      for (const env of [{}, { APP_URL: "https://cli-host.example.com" }] as Record<string, string>[]) {
        expect(await created(env)).toEqual({
          issuer: server.issuer,
          issuerSource: "database",
          discoveryUrl: `${server.issuer}/.well-known/openid-configuration`,
        });
      }
      const text = await cliInProcess(db.url, ["apps", "create", "--type", "spa", "--name", "T"]);
      expect(text.stdout).toContain(`${server.issuer}  (the server's, as it last started on this database)`);
    } finally {
      await server.stop();
    }
  });
});
