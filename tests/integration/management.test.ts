import { Validator } from "@seriousme/openapi-schema-validator";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWithAdmin } from "../support/admin-server";
import { authorize, CookieBrowser, textOf } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import { clientAuth } from "../support/oidc-client";
import { callApi, signInToPages } from "../support/pages-session";
import { startServer, type TestServer, tempSqlite } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "ops@example.com", password: "admin-passphrase" };

describe.each(databaseKinds)("operating Latchkey on %s", (kind) => {
  let server: TestServer;
  let stop: () => Promise<void>;
  let admin: CookieBrowser;
  const api = (method: string, path: string, body?: unknown) =>
    callApi(admin, server.url, method, `/api/v1${path}`, body);

  beforeAll(async () => {
    ({ server, admin, stop } = await startWithAdmin(kind, ADMIN));
  });

  afterAll(async () => {
    await stop?.();
  });

  /** A machine-to-machine app's token for the management API, as a script would get it. */
  async function managementToken(allowed: boolean) {
    const created = await api("POST", "/applications", {
      type: "m2m",
      name: allowed ? "Terraform" : "Reporting job",
      ...(allowed ? { allowedScopes: ["management"] } : {}),
    });
    expect(created.status).toBe(201);
    const config = await oidc.discovery(
      new URL(server.issuer),
      created.body.application.clientId,
      created.body.clientSecret,
      clientAuth(created.body.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    const tokens = await oidc.clientCredentialsGrant(config, { resource: `${server.url}/api`, scope: "management" });
    return tokens.access_token;
  }
  const bearer = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it("gives a token without the management scope 403 and one with it the API", async () => {
    const denied = await bearer(await managementToken(false), "POST", "/applications", { type: "spa", name: "Nope" });
    expect(denied.status).toBe(403);
    expect(denied.headers.get("www-authenticate")).toContain("insufficient_scope");
    const token = await managementToken(true);
    const created = await bearer(token, "POST", "/applications", { type: "spa", name: "From a script" });
    expect(created.status).toBe(201);
    expect((await bearer("not-a-token", "GET", "/applications")).status).toBe(401);
    // The audit log names the script's app as the actor.
    const audit = await bearer(token, "GET", "/audit?type=app.created");
    const events = (await audit.json()).items as { actor: string; after: { name: string } }[];
    expect(events.find((e) => e.after.name === "From a script")?.actor).toBe("client Terraform");
  });

  it("names all three invalid fields in one 400, and a stale update gets 409 and changes nothing", async () => {
    const invalid = await api("POST", "/users", { email: "not-an-email", password: "short", role: "owner" });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.errors).sort()).toEqual(["email", "password", "role"]);

    const created = await api("POST", "/applications", { type: "traditional", name: "Billing" });
    const { id, version } = created.body.application;
    expect((await api("PATCH", `/applications/${id}`, { name: "Billing v2", version })).status).toBe(200);
    const stale = await api("PATCH", `/applications/${id}`, { name: "Billing (stale)", version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("stale_version");
    expect((await api("GET", `/applications/${id}`)).body.name).toBe("Billing v2");
  });

  it("records every admin change once, with before and after, and never a secret", async () => {
    const created = await api("POST", "/applications", {
      type: "third-party",
      name: "Audited",
      redirectUris: [REDIRECT],
    });
    const { id, version } = created.body.application;
    await api("PATCH", `/applications/${id}`, { redirectUris: [REDIRECT, "https://audited.example.com/cb"], version });
    const secret = await api("POST", `/applications/${id}/secrets`, { name: "Rotation" });

    const events = (await api("GET", `/audit?applicationId=${id}`)).body.items as {
      type: string;
      actor: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];
    expect(events.map((e) => e.type).sort()).toEqual(["app.created", "app.updated", "secret.created"]);
    const updated = events.find((e) => e.type === "app.updated");
    expect(updated?.actor).toBe(ADMIN.email);
    expect(updated?.before).toEqual({ redirectUris: [REDIRECT] });
    expect(updated?.after).toEqual({ redirectUris: [REDIRECT, "https://audited.example.com/cb"] });
    const everything = JSON.stringify((await api("GET", "/audit?pageSize=200")).body);
    expect(everything).not.toContain(created.body.clientSecret);
    expect(everything).not.toContain(secret.body.value);
  });

  it("refuses a suspended user at sign-in and kills their refresh token at once", async () => {
    const user = await api("POST", "/users", { email: "lin@example.com", password: "a-long-passphrase", name: "Lin" });
    expect(user.status).toBe(201);
    const app = await api("POST", "/applications", { type: "traditional", name: "Portal", redirectUris: [REDIRECT] });
    await api("PATCH", `/applications/${app.body.application.id}`, { alwaysIssueRefreshToken: true });
    const config = await oidc.discovery(
      new URL(server.issuer),
      app.body.application.clientId,
      app.body.clientSecret,
      clientAuth(app.body.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    const signIn = async () => {
      const verifier = oidc.randomPKCECodeVerifier();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: "openid email",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
      });
      const pages: string[] = [];
      const callback = await authorize(new CookieBrowser(), url.href, REDIRECT, {
        email: "lin@example.com",
        password: "a-long-passphrase",
        onPage: (p) => pages.push(textOf(p.html)),
      }).catch(() => undefined);
      return { verifier, callback, pages };
    };
    const first = await signIn();
    const tokens = await oidc.authorizationCodeGrant(config, new URL(first.callback!), {
      pkceCodeVerifier: first.verifier,
    });
    expect(tokens.refresh_token).toBeDefined();

    const suspended = await api("PUT", `/users/${user.body.id}/status`, { status: "suspended" });
    expect(suspended.body.status).toBe("suspended");
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    const again = await signIn();
    expect(again.callback).toBeUndefined();
    expect(again.pages.at(-1)).toContain("The email or password is incorrect");

    const types = (await api("GET", `/audit?userId=${user.body.id}`)).body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(["user.created", "user.suspended", "sign_in.succeeded"]));
  });

  it("never lets the last admin be demoted, suspended or deleted", async () => {
    const me = (await api("GET", `/users?search=${encodeURIComponent(ADMIN.email)}`)).body.items[0];
    expect((await api("PATCH", `/users/${me.id}`, { role: "user" })).body.code).toBe("last_admin");
    expect((await api("PUT", `/users/${me.id}/status`, { status: "suspended" })).status).toBe(409);
    expect((await api("DELETE", `/users/${me.id}`)).status).toBe(409);
    expect((await api("GET", `/users/${me.id}`)).body).toMatchObject({ role: "admin", status: "active" });
  });

  it.runIf(kind === "sqlite")(
    "exports the apps, and an import into an empty database recreates them, twice the same",
    async () => {
      for (const type of ["traditional", "spa", "native", "m2m", "third-party"]) {
        const uris = type === "m2m" ? [] : [type === "native" ? "com.example.app:/cb" : REDIRECT];
        expect(
          (await api("POST", "/applications", { type, name: `Exported ${type}`, redirectUris: uris })).status,
        ).toBe(201);
      }
      const exported = await api("GET", "/applications/export");
      expect(exported.status).toBe(200);
      expect(JSON.stringify(exported.body)).not.toMatch(/secret"?\s*:\s*"[A-Za-z0-9_-]{43}"/);
      const count = exported.body.applications.length;
      expect(count).toBeGreaterThanOrEqual(5);

      const other = tempSqlite();
      const second = await startServer(other.url);
      try {
        expect(second.cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password).status).toBe(0);
        const browser = await signInToPages(second.url, ADMIN);
        const first = await callApi(browser, second.url, "POST", "/api/v1/applications/import", exported.body);
        expect(first.status).toBe(200);
        expect(first.body.created).toHaveLength(count);
        const again = await callApi(browser, second.url, "POST", "/api/v1/applications/import", exported.body);
        expect(again.body).toMatchObject({ created: [], updated: [], unchanged: expect.any(Array) });
        expect(again.body.unchanged).toHaveLength(count);
        const reexported = await callApi(browser, second.url, "GET", "/api/v1/applications/export");
        const strip = (apps: Record<string, unknown>[]) =>
          apps.map(({ ...app }) => app).sort((a, b) => String(a.clientId).localeCompare(String(b.clientId)));
        expect(strip(reexported.body.applications)).toEqual(strip(exported.body.applications));

        // A bad file changes nothing and names the field.
        const broken = structuredClone(exported.body);
        broken.applications[1].redirectUris = ["http://not-loopback.example.com/cb"];
        broken.applications[1].type = broken.applications[1].type === "m2m" ? "m2m" : broken.applications[1].type;
        const refused = await callApi(browser, second.url, "POST", "/api/v1/applications/import", broken);
        expect(refused.status).toBe(400);
      } finally {
        await second.stop();
        other.cleanup();
      }
    },
  );

  it("publishes an OpenAPI 3.1 document that validates, and a client driven by it creates an app", async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    const document = await response.json();
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);

    // A generic client: it knows only the document, an operation id and a token.
    const token = await managementToken(true);
    const call = async (operationId: string, body: unknown) => {
      for (const [path, methods] of Object.entries(
        document.paths as Record<string, Record<string, { operationId: string }>>,
      )) {
        for (const [method, operation] of Object.entries(methods)) {
          if (operation.operationId !== operationId) continue;
          return fetch(`${document.servers[0].url}${path}`, {
            method: method.toUpperCase(),
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify(body),
          });
        }
      }
      throw new Error(`no operation ${operationId}`);
    };
    const created = await call("createApplication", { type: "third-party", name: "Made from the OpenAPI document" });
    expect(created.status).toBe(201);
    const body = await created.json();
    const required = document.components.schemas.CreatedApplication.required as string[];
    for (const field of required) expect(body).toHaveProperty(field);
    for (const field of document.components.schemas.Application.required as string[]) {
      expect(body.application).toHaveProperty(field);
    }
  });
});
