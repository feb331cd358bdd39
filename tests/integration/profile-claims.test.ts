import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { describe, expect, it } from "vitest";
import { adminServerFor } from "../support/admin-server";
import { authorize, CookieBrowser } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import { authorizationRequest, discoverClient } from "../support/oidc-client";
import { runCliAsync } from "../support/server";

const REDIRECT = "http://127.0.0.1:9/callback";
const ADMIN = { email: "ops@example.com", password: "admin-passphrase" };
const PASSWORD = "correct horse battery";
const profileClaims = ["preferred_username", "given_name", "family_name", "locale", "zoneinfo"];

describe.each(databaseKinds)("profile claims on %s", (kind) => {
  const latchkey = adminServerFor(kind, ADMIN);
  const { api } = latchkey;

  // Asynchronous: a CLI run that blocks the event loop for seconds lets the server close the
  // test's idle keep-alive connections unseen, and the next fetch would reuse a dead one.
  function cli(...args: string[]) {
    return runCliAsync(latchkey.server.databaseUrl, args, { APP_URL: latchkey.server.url });
  }

  /** `users create` with a fresh password and the flags given. */
  function createWithCli(email: string, ...flags: string[]) {
    return cli("users", "create", "--email", email, "--password", PASSWORD, ...flags);
  }

  async function cliJson(...args: string[]) {
    const result = await cli(...args, "--json");
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  }

  /** What an outside app receives for `scope`: the verified ID token's claims and userinfo. */
  async function claimsFor(app: { clientId: string; clientSecret: string }, email: string, scope: string) {
    const config = await discoverClient(latchkey.server.issuer, app.clientId, app.clientSecret);
    const state = oidc.randomState();
    const request = await authorizationRequest(config, REDIRECT, { scope, state });
    const callback = await authorize(new CookieBrowser(), request.url, REDIRECT, { email, password: PASSWORD });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: request.verifier,
      expectedState: state,
    });
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
    const { payload } = await jwtVerify(tokens.id_token!, jwks, {
      issuer: latchkey.server.issuer,
      audience: app.clientId,
    });
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, payload.sub!);
    return { idToken: payload as JWTPayload & Record<string, unknown>, userinfo: userinfo as Record<string, unknown> };
  }

  it("gives an outside app preferred_username, given_name, family_name, locale and zoneinfo with profile, and none without", async () => {
    const created = await cliJson(
      ...["users", "create", "--email", "ada@example.com", "--password", PASSWORD, "--name", "Ada Lovelace"],
      ...["--username", "Ada.L", "--given-name", "Ada", "--family-name", "Lovelace"],
      ...["--locale", "en-gb", "--zoneinfo", "europe/london"],
    );
    // Stored in their canonical spelling; the username as typed.
    expect(created).toMatchObject({ username: "Ada.L", locale: "en-GB", zoneinfo: "Europe/London" });
    await cliJson("users", "create", "--email", "grace@example.com", "--password", PASSWORD, "--name", "Grace Hopper");
    const app = await cliJson(
      ...["apps", "create", "--name", "Team Wiki", "--type", "third-party", "--redirect-uri", REDIRECT],
      ...["--scope", "profile", "--scope", "email"],
    );

    const discovery = await (await fetch(`${latchkey.server.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(profileClaims));

    const expected = {
      name: "Ada Lovelace",
      preferred_username: "Ada.L",
      given_name: "Ada",
      family_name: "Lovelace",
      locale: "en-GB",
      zoneinfo: "Europe/London",
    };
    const withProfile = await claimsFor(app, "ada@example.com", "openid profile email");
    expect(withProfile.idToken).toMatchObject(expected);
    expect(withProfile.userinfo).toMatchObject(expected);

    const withoutProfile = await claimsFor(app, "ada@example.com", "openid email");
    expect(withoutProfile.idToken.email).toBe("ada@example.com");
    for (const claim of [...profileClaims, "name"]) {
      expect(withoutProfile.idToken).not.toHaveProperty(claim);
      expect(withoutProfile.userinfo).not.toHaveProperty(claim);
    }

    // A user who set none of them: the claims are left out, not sent null or empty.
    const unset = await claimsFor(app, "grace@example.com", "openid profile");
    expect(unset.idToken.name).toBe("Grace Hopper");
    for (const claim of profileClaims) {
      expect(unset.idToken).not.toHaveProperty(claim);
      expect(unset.userinfo).not.toHaveProperty(claim);
    }

    // An admin's edit reaches the next sign-in.
    const [ada] = (await api("GET", "/users?search=ada@example.com")).body.items;
    const edited = await api("PATCH", `/users/${ada.id}`, { givenName: "Augusta Ada", zoneinfo: "" });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const after = await claimsFor(app, "ada@example.com", "openid profile");
    expect(after.userinfo).toMatchObject({ given_name: "Augusta Ada", preferred_username: "Ada.L" });
    expect(after.userinfo).not.toHaveProperty("zoneinfo");
  });

  it("gives the names of the user's roles with the roles scope, to an app allowed it, and nothing without", async () => {
    await cliJson("users", "create", "--email", "rosa@example.com", "--password", PASSWORD);
    for (const role of ["Reviewer", "Editor"]) {
      expect((await cli("roles", "create", "--name", role)).status).toBe(0);
      expect((await cli("users", "roles", "add", "rosa@example.com", role)).status).toBe(0);
    }
    const allowed = await cliJson(
      ...["apps", "create", "--name", "Roles Wiki", "--type", "third-party", "--redirect-uri", REDIRECT],
      ...["--scope", "profile", "--scope", "roles"],
    );
    const withRoles = await claimsFor(allowed, "rosa@example.com", "openid roles");
    expect(withRoles.idToken.roles).toEqual(["Editor", "Reviewer"]);
    expect(withRoles.userinfo.roles).toEqual(["Editor", "Reviewer"]);
    const without = await claimsFor(allowed, "rosa@example.com", "openid profile");
    expect(without.idToken).not.toHaveProperty("roles");
    expect(without.userinfo).not.toHaveProperty("roles");

    // An app not allowed the scope cannot have it.
    const other = await cliJson(
      ...["apps", "create", "--name", "Plain Wiki", "--type", "third-party", "--redirect-uri", REDIRECT],
      ...["--scope", "profile"],
    );
    const config = await discoverClient(latchkey.server.issuer, other.clientId, other.clientSecret);
    const request = await authorizationRequest(config, REDIRECT, { scope: "openid roles" });
    const callback = new URL(
      await authorize(new CookieBrowser(), request.url, REDIRECT, { email: "rosa@example.com", password: PASSWORD }),
    );
    expect(callback.searchParams.get("error")).toBe("invalid_scope");
  });

  it("keeps usernames unique whatever their letter case, answering 409 naming the field", async () => {
    const first = await api("POST", "/users", { email: "linus@example.com", password: PASSWORD, username: "Linus" });
    expect(first.status).toBe(201);
    expect(first.body.username).toBe("Linus");

    const taken = await api("POST", "/users", { email: "other@example.com", password: PASSWORD, username: "LINUS" });
    expect(taken.status).toBe(409);
    expect(Object.keys(taken.body.errors)).toEqual(["username"]);
    expect((await api("GET", "/users?search=other@example.com")).body.total).toBe(0);

    const second = await api("POST", "/users", { email: "ken@example.com", password: PASSWORD, username: "ken" });
    expect(second.status).toBe(201);
    const clash = await api("PATCH", `/users/${second.body.id}`, { username: "linus", givenName: "Kenneth" });
    expect(clash.status).toBe(409);
    expect(Object.keys(clash.body.errors)).toEqual(["username"]);
    expect((await api("GET", `/users/${second.body.id}`)).body).toMatchObject({ username: "ken", givenName: "" });

    // A taken email names its own field, not the username's.
    const email = await api("POST", "/users", { email: "LINUS@example.com", password: PASSWORD, username: "free" });
    expect(email.status).toBe(409);
    expect(Object.keys(email.body.errors)).toEqual(["email"]);

    const viaCli = await createWithCli("third@example.com", "--username", "lInUs");
    expect(viaCli.status).toBe(1);
    expect(viaCli.stderr).toContain("A user with this username already exists. (--username)");
    const updateViaCli = await cli("users", "update", "ken@example.com", "--username", "LINUS");
    expect(updateViaCli.status).toBe(1);
    expect(updateViaCli.stderr).toContain("(--username)");

    // Once cleared, the name is free again.
    expect((await api("PATCH", `/users/${first.body.id}`, { username: "" })).body.username).toBe("");
    expect(await cliJson("users", "update", "ken@example.com", "--username", "LINUS")).toMatchObject({
      username: "LINUS",
    });
  });

  it("refuses a bad username, locale or time zone with 400 naming each field, writing nothing", async () => {
    const created = await api("POST", "/users", { email: "edsger@example.com", password: PASSWORD, locale: "nl-NL" });
    expect(created.status).toBe(201);
    const { id } = created.body;

    const bad = await api("PATCH", `/users/${id}`, {
      givenName: "Edsger",
      username: "-dijkstra",
      locale: "en_US",
      zoneinfo: "Mars/Olympus",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["locale", "username", "zoneinfo"]);
    expect((await api("GET", `/users/${id}`)).body).toMatchObject({ givenName: "", username: "", locale: "nl-NL" });

    for (const [field, value] of [
      ["locale", "english"],
      ["zoneinfo", "+09:00"],
      ["username", "a".repeat(65)],
      ["username", "ada lovelace"],
    ]) {
      const refused = await api("PATCH", `/users/${id}`, { [field]: value });
      expect(refused.status, `${field} ${value}`).toBe(400);
      expect(Object.keys(refused.body.errors)).toEqual([field]);
    }
    const refusedCreate = await api("POST", "/users", {
      email: "barbara@example.com",
      password: PASSWORD,
      zoneinfo: "Nowhere/Land",
    });
    expect(refusedCreate.status).toBe(400);
    expect(Object.keys(refusedCreate.body.errors)).toEqual(["zoneinfo"]);
    expect((await api("GET", "/users?search=barbara@example.com")).body.total).toBe(0);

    const locale = await cli("users", "update", "edsger@example.com", "--given-name", "Edsger", "--locale", "english");
    expect(locale.status).toBe(2);
    expect(locale.stderr).toMatch(/^latchkey: locale: .*\(--locale\)/);
    const zone = await createWithCli("b@example.com", "--zoneinfo", "Mars/X");
    expect(zone.status).toBe(2);
    expect(zone.stderr).toContain("(--zoneinfo)");
    expect((await api("GET", `/users/${id}`)).body.givenName).toBe("");
    expect((await api("GET", "/users?search=b@example.com")).body.total).toBe(0);

    // The audit log records the change of the new fields, before and after.
    expect((await api("PATCH", `/users/${id}`, { username: "ewd", zoneinfo: "Europe/Amsterdam" })).status).toBe(200);
    const audit = await api("GET", `/audit?type=user.updated&userId=${id}`);
    expect(audit.body.items[0]).toMatchObject({
      before: { username: "", zoneinfo: "" },
      after: { username: "ewd", zoneinfo: "Europe/Amsterdam" },
    });
  });
});
