import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorize, CookieBrowser, textOf } from "../support/browserless";
import { cliInProcess } from "../support/cli";
import { databaseKinds, databases } from "../support/databases";
import { clientAuth } from "../support/oidc-client";
import { runCliAsync, startServer, type TestServer, tempSqlite } from "../support/server";
import { requestToken } from "../support/tokens";

const REDIRECT = "http://127.0.0.1:9/callback";
const WIKI = "https://wiki.example.com/api";
const EDITOR = { email: "editor@example.com", password: "editor passphrase" };
const READER = { email: "reader@example.com", password: "reader passphrase" };

describe.each(databaseKinds)("your own APIs on %s", (kind) => {
  let server: TestServer;
  let cleanup: () => void;
  let app: { clientId: string; clientSecret: string };

  // Spawned without blocking: an in-process run holds this event loop (synchronous SQLite, argon2)
  // while the server closes idle keep-alive sockets, and the next fetch could reuse a dead one.
  const cli = async (...args: string[]) => {
    const result = await runCliAsync(server.databaseUrl, args, { APP_URL: server.url });
    expect(result.status, `${args.join(" ")}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };

  beforeAll(async () => {
    const db = await databases[kind]();
    cleanup = db.cleanup;
    server = await startServer(db.url);
    for (const user of [EDITOR, READER])
      await cli("users", "create", "--email", user.email, "--password", user.password);
    const api = JSON.parse(
      await cli(
        "apis",
        "create",
        "--name",
        "Team Wiki",
        "--indicator",
        WIKI,
        "--permission",
        "read:pages=Read your wiki pages",
        "--permission",
        "write:pages=Change your wiki pages",
        "--json",
      ),
    );
    expect(api.permissions.map((p: { name: string }) => p.name)).toEqual(["read:pages", "write:pages"]);
    await cli("roles", "create", "--name", "Editor", "--permission", `${WIKI} read:pages`);
    await cli("users", "roles", "add", EDITOR.email, "Editor");
    app = JSON.parse(
      await cli("apps", "create", "--name", "Wiki", "--type", "third-party", "--redirect-uri", REDIRECT, "--json"),
    );
    await cli("apps", "permissions", "set", app.clientId, "--scope", "profile", "--api", `${WIKI} read:pages`);
  });

  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  /** A sign-in by `user` asking for `scope` on the wiki API; returns the pages seen and where the app was sent. */
  async function signIn(user: typeof EDITOR, scope: string, consent: "confirm" | "abort" = "confirm") {
    const config = await oidc.discovery(
      new URL(server.issuer),
      app.clientId,
      app.clientSecret,
      clientAuth(app.clientSecret),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope,
      resource: WIKI,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    });
    const pages: string[] = [];
    const callback = await authorize(new CookieBrowser(), url.href, REDIRECT, {
      ...user,
      consent,
      onPage: (p) => pages.push(textOf(p.html)),
    });
    const tokens = () =>
      oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
    return { config, callback: new URL(callback), pages, tokens };
  }

  it("gives a user whose role grants it a JWT access token for the API, after consent shows the description", async () => {
    const flow = await signIn(EDITOR, "openid profile read:pages");
    const consent = flow.pages.find((page) => page.includes("wants to access"));
    expect(consent, flow.pages.join("\n---\n")).toContain("Team Wiki");
    expect(consent).toContain("Read your wiki pages");
    expect(consent).not.toContain("Change your wiki pages");
    const tokens = await flow.tokens();
    // Verified with nothing but the provider's published keys, as a resource server would.
    const jwks = createRemoteJWKSet(new URL(flow.config.serverMetadata().jwks_uri as string));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: server.issuer,
      audience: WIKI,
      typ: "at+jwt",
    });
    expect(protectedHeader.typ).toBe("at+jwt");
    expect(payload.scope).toBe("read:pages");
    expect(payload.client_id).toBe(app.clientId);
    expect(typeof payload.sub).toBe("string");
    expect(typeof payload.jti).toBe("string");
  });

  it("gives a user without the role no read:pages, and does not ask them for it", async () => {
    const flow = await signIn(READER, "openid profile read:pages");
    expect(flow.pages.join(" ")).not.toContain("Read your wiki pages");
    const tokens = await flow.tokens();
    expect((tokens.scope ?? "").split(" ")).not.toContain("read:pages");
    const claims = tokens.access_token.split(".").length === 3 ? decodeJwt(tokens.access_token) : {};
    expect(String(claims.scope ?? "").split(" ")).not.toContain("read:pages");
  });

  it("refuses a permission the app may not ask for with invalid_scope naming it", async () => {
    const flow = await signIn(EDITOR, "openid write:pages");
    expect(flow.callback.searchParams.get("error")).toBe("invalid_scope");
    expect(flow.callback.searchParams.get("error_description")).toContain("write:pages");
    expect(flow.callback.searchParams.get("code")).toBeNull();
  });

  it("gives a machine-to-machine app the permissions of its roles", async () => {
    // Through the in-process CLI: a spawned one would block this process while the server closes idle sockets.
    const job = JSON.parse(await cli("apps", "create", "--name", "Job", "--type", "m2m", "--json"));
    await cli("apps", "roles", "set", job.clientId, "--role", "Editor");
    const answer = await requestToken(server.issuer, job, { resource: WIKI, scope: "read:pages" });
    const body = (await answer.json()) as { access_token: string };
    expect(answer.status, JSON.stringify(body)).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${server.issuer}/jwks`));
    const { payload } = await jwtVerify(body.access_token, jwks, { issuer: server.issuer, audience: WIKI });
    expect(payload.scope).toBe("read:pages");
    const refused = await requestToken(server.issuer, job, { resource: WIKI, scope: "write:pages" });
    const error = (await refused.json()) as { error: string; error_description: string };
    expect(error.error).toBe("invalid_scope");
    expect(error.error_description).toContain("write:pages");
  });

  it("refuses a user outside the app's access rule before any code, with a page and access_denied", async () => {
    await cli("apps", "access", "set", app.clientId, "--role", "Editor");
    const flow = await signIn(READER, "openid profile", "abort");
    expect(flow.pages.join(" ")).toContain("is not one of them");
    expect(flow.callback.searchParams.get("error")).toBe("access_denied");
    expect(flow.callback.searchParams.get("code")).toBeNull();
    // The editor holds the role and still signs in.
    const allowed = await signIn(EDITOR, "openid profile");
    expect(allowed.callback.searchParams.get("code")).toBeTruthy();
    await cli("apps", "access", "set", app.clientId);
  });

  it("carries APIs, roles and access rules through export and import", async () => {
    await cli("apps", "access", "set", app.clientId, "--role", "Editor");
    const file = join(mkdtempSync(join(tmpdir(), "latchkey-export-")), "apps.json");
    await cli("apps", "export", "--out", file);
    await cli("apps", "access", "set", app.clientId);
    const target = tempSqlite();
    try {
      for (let round = 0; round < 2; round++) {
        const imported = await cliInProcess(target.url, ["apps", "import", file, "--json"], { APP_URL: server.url });
        expect(imported.status, imported.stderr).toBe(0);
      }
      const shown = await cliInProcess(target.url, ["apis", "show", WIKI, "--json"], { APP_URL: server.url });
      expect(JSON.parse(shown.stdout).permissions).toEqual([
        { name: "read:pages", description: "Read your wiki pages" },
        { name: "write:pages", description: "Change your wiki pages" },
      ]);
      const role = await cliInProcess(target.url, ["roles", "show", "Editor", "--json"], { APP_URL: server.url });
      expect(JSON.parse(role.stdout).permissions).toEqual([{ indicator: WIKI, name: "read:pages" }]);
      // With no flag, `apps permissions set` changes nothing and prints the app's access as imported.
      const access = await cliInProcess(target.url, ["apps", "permissions", "set", app.clientId, "--json"], {
        APP_URL: server.url,
      });
      expect(JSON.parse(access.stdout)).toMatchObject({
        apiPermissions: [{ indicator: WIKI, name: "read:pages" }],
        accessRoles: ["Editor"],
      });
    } finally {
      target.cleanup();
    }
  });
});
