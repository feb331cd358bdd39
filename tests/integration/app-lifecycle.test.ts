import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as oidc from "openid-client";
import { beforeAll, describe, expect, it } from "vitest";
import { adminServerFor } from "../support/admin-server";
import { authorize, CookieBrowser, textOf } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import { authorizationRequest, discoverClient, oauthErrorOf } from "../support/oidc-client";
import { runCliAsync } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const USER = { email: "mae@example.com", password: "correct horse battery" };

type Created = { application: { id: string; clientId: string }; clientSecret: string };

describe.each(databaseKinds)("an app's tokens follow the app on %s", (kind) => {
  const latchkey = adminServerFor(kind, ADMIN);
  const { api } = latchkey;

  beforeAll(async () => {
    expect(
      (await latchkey.server.cli("users", "create", "--email", USER.email, "--password", USER.password)).status,
    ).toBe(0);
  });

  async function create(body: Record<string, unknown>): Promise<Created> {
    const created = await api("POST", "/applications", body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as Created;
  }

  const discover = (clientId: string, secret: string) => discoverClient(latchkey.server.issuer, clientId, secret);

  async function managementToken(clientId: string, secret: string) {
    const config = await discover(clientId, secret);
    return (await oidc.clientCredentialsGrant(config, { resource: `${latchkey.server.url}/api`, scope: "management" }))
      .access_token;
  }

  const asScript = (token: string) =>
    fetch(`${latchkey.server.url}/api/v1/applications`, { headers: { authorization: `Bearer ${token}` } }).then(
      (r) => r.status,
    );

  it("stops a management token at once when its app loses the scope or its last secret", async () => {
    const app = await create({ type: "m2m", name: "Terraform", allowedScopes: ["management"] });
    const { id, clientId } = app.application;
    const token = await managementToken(clientId, app.clientSecret);
    expect(await asScript(token)).toBe(200);

    // Permission taken away: refused on the very next call, not when the token expires.
    expect((await api("PATCH", `/applications/${id}`, { allowedScopes: [] })).status).toBe(200);
    expect(await asScript(token)).toBe(403);
    expect((await api("PATCH", `/applications/${id}`, { allowedScopes: ["management"] })).status).toBe(200);
    expect(await asScript(token)).toBe(200);

    // Deleting one secret stops that secret only: the other one and the tokens keep working.
    const second = await api("POST", `/applications/${id}/secrets`, { name: "Second" });
    expect(second.status).toBe(201);
    const secrets = (await api("GET", `/applications/${id}`)).body.secrets as { id: string; name: string }[];
    const first = secrets.find((secret) => secret.name !== "Second");
    expect((await api("DELETE", `/applications/${id}/secrets/${first?.id}`)).status).toBe(204);
    expect(await asScript(token)).toBe(200);
    expect(await oauthErrorOf(managementToken(clientId, app.clientSecret))).toBe("invalid_client");
    const fromSecond = await managementToken(clientId, second.body.value);
    expect(await asScript(fromSecond)).toBe(200);

    // The last secret deleted: no token of the app works any more.
    expect((await api("DELETE", `/applications/${id}/secrets/${second.body.id}`)).status).toBe(204);
    expect(await asScript(token)).toBe(401);
    expect(await asScript(fromSecond)).toBe(401);
  });

  it("deletes an app's grants and tokens with it: importing it again brings none back and asks consent again", async () => {
    const app = await create({
      type: "third-party",
      name: "Wiki",
      redirectUris: [REDIRECT],
      allowedScopes: ["profile", "email"],
    });
    const { id, clientId } = app.application;
    expect((await api("PATCH", `/applications/${id}`, { alwaysIssueRefreshToken: true })).status).toBe(200);
    const script = await create({ type: "m2m", name: "Sync job", allowedScopes: ["management"] });
    const scriptToken = await managementToken(script.application.clientId, script.clientSecret);

    const browser = new CookieBrowser();
    const signIn = async (secret: string) => {
      const config = await discover(clientId, secret);
      const { url, verifier } = await authorizationRequest(config, REDIRECT);
      const pages: string[] = [];
      const callback = await authorize(browser, url, REDIRECT, {
        ...USER,
        onPage: (p) => pages.push(textOf(p.html)),
      });
      const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier });
      return { config, pages, tokens };
    };
    const first = await signIn(app.clientSecret);
    expect(first.pages.some((page) => page.includes("Wiki wants to access your account"))).toBe(true);
    const refreshToken = first.tokens.refresh_token as string;
    expect(refreshToken).toBeTruthy();

    const exported = await api("GET", "/applications/export");
    expect((await api("DELETE", `/applications/${id}`)).status).toBe(204);
    expect((await api("DELETE", `/applications/${script.application.id}`)).status).toBe(204);
    expect(await asScript(scriptToken)).toBe(401);

    const imported = await api("POST", "/applications/import", exported.body);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.created).toEqual(expect.arrayContaining([clientId, script.application.clientId]));
    const newId = async (party: string, name: string) => {
      const found = await api("GET", `/applications?party=${party}&search=${encodeURIComponent(name)}`);
      return (found.body.items as { id: string }[])[0].id;
    };
    const wikiId = await newId("third-party", "Wiki");
    expect(wikiId).not.toBe(id);
    const secret = await api("POST", `/applications/${wikiId}/secrets`, { name: "After import" });
    const scriptSecret = await api("POST", `/applications/${await newId("first-party", "Sync job")}/secrets`, {
      name: "After import",
    });
    expect(secret.status).toBe(201);

    // The old refresh token is gone with the old app, even for the new one under the same ID.
    const config = await discover(clientId, secret.body.value);
    await expect(oidc.refreshTokenGrant(config, refreshToken)).rejects.toMatchObject({ error: "invalid_grant" });
    // The old script token works neither on the API nor in introspection by the new app.
    expect(await asScript(scriptToken)).toBe(401);
    const scriptConfig = await discover(script.application.clientId, scriptSecret.body.value);
    expect((await oidc.tokenIntrospection(scriptConfig, scriptToken)).active).toBe(false);
    const freshScriptToken = await managementToken(script.application.clientId, scriptSecret.body.value);
    expect(await asScript(freshScriptToken)).toBe(200);

    // Same browser, same provider session: consent is asked again, as for an app never seen.
    const again = await signIn(secret.body.value);
    expect(again.pages.some((page) => page.includes("Wiki wants to access your account"))).toBe(true);
  });

  it("refuses the built-in client IDs wherever a client ID is given, naming the field, and writes nothing", async () => {
    const file = (clientId: string) => ({
      format: "latchkey.applications",
      version: 1,
      applications: [
        { clientId: "fine-app", type: "spa", name: "Fine", redirectUris: [REDIRECT] },
        { clientId, type: "traditional", name: "Impostor", redirectUris: [REDIRECT] },
      ],
    });
    for (const clientId of ["latchkey-console", "latchkey-account", "Latchkey-Console"]) {
      const refused = await api("POST", "/applications/import", file(clientId));
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.errors)).toEqual(["applications.1.clientId"]);
      expect(refused.body.errors["applications.1.clientId"][0]).toMatch(/console or account/);
    }
    expect((await api("GET", "/applications?search=Fine")).body.items).toEqual([]);

    // Revoking a user's grant names an app: never a built-in client.
    const users = (await api("GET", "/users?search=mae")).body.items as { id: string }[];
    const revoke = await api("DELETE", `/users/${users[0].id}/grants/latchkey-console`);
    expect(revoke.status).toBe(400);
    expect(Object.keys(revoke.body.errors)).toEqual(["clientId"]);

    // The CLI's import refuses it the same way (run asynchronously: a CLI that blocked this process
    // would let the server close an idle HTTP connection unseen, under the next request).
    const dir = mkdtempSync(join(tmpdir(), "latchkey-import-"));
    try {
      const path = join(dir, "apps.json");
      writeFileSync(path, JSON.stringify(file("latchkey-account")));
      const cli = await runCliAsync(latchkey.server.databaseUrl, ["apps", "import", path], {
        APP_URL: latchkey.server.url,
      });
      expect(cli.status).toBe(2);
      expect(cli.stderr).toMatch(/applications\.1\.clientId: .*console or account/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
