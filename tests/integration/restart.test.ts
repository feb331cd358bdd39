import * as oidc from "openid-client";
import { describe, expect, it } from "vitest";
import { authorize, CookieBrowser } from "../support/browserless";
import { databaseKinds, freshDatabases } from "../support/databases";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { startServer } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";

describe.each(databaseKinds)("a restart on %s", (kind) => {
  // One database per test: each starts from nothing and restarts the server on its own data.
  const freshDatabase = freshDatabases();

  it("keeps the signing key and a signed-in user's session", async () => {
    const db = await freshDatabase(kind);
    let server = await startServer(db.url);
    expect(
      (await server.cli("users", "create", "--email", "grace@example.com", "--password", "hopper-1906")).status,
    ).toBe(0);
    const app = JSON.parse(
      (
        await server.cli(
          "apps",
          "create",
          "--name",
          "Portal",
          "--type",
          "traditional",
          "--redirect-uri",
          REDIRECT,
          "--json",
        )
      ).stdout,
    );
    const kids = async () =>
      ((await (await fetch(`${server.issuer}/jwks`)).json()) as { keys: { kid: string }[] }).keys
        .map((k) => k.kid)
        .sort();
    const before = await kids();

    const browser = new CookieBrowser();
    const begin = async () => {
      const config = await discoverClient(server.issuer, app.clientId, app.clientSecret);
      return (await authorizationRequest(config, REDIRECT, { scope: "openid" })).url;
    };
    await authorize(browser, await begin(), REDIRECT, { email: "grace@example.com", password: "hopper-1906" });
    await server.stop();

    server = await startServer(db.url);
    try {
      expect(await kids()).toEqual(before);
      // Same session cookie, new process: straight back to the app, no sign-in page.
      const pages: string[] = [];
      const callback = await authorize(browser, await begin(), REDIRECT, { onPage: (p) => pages.push(p.url) });
      expect(pages).toEqual([]);
      expect(new URL(callback).searchParams.get("code")).toBeTruthy();
    } finally {
      await server.stop();
    }
  });

  it("keeps client_credentials tokens issued just before a graceful stop", async () => {
    const db = await freshDatabase(kind);
    let server = await startServer(db.url);
    const app = JSON.parse((await server.cli("apps", "create", "--name", "Job", "--type", "m2m", "--json")).stdout);
    const connect = () => discoverClient(server.issuer, app.clientId, app.clientSecret);
    // Each token is answered only once its group is committed, and a stop drains what is in flight.
    const tokens = await Promise.all(
      Array.from({ length: 5 }, async () => oidc.clientCredentialsGrant(await connect())),
    );
    await server.stop();
    server = await startServer(db.url);
    try {
      const config = await connect();
      for (const { access_token } of tokens)
        expect((await oidc.tokenIntrospection(config, access_token)).active).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
