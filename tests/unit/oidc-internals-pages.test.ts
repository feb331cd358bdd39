import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { errors } from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHECKED_AGAINST,
  errorEvents,
  logoutFormXsrf,
  nameRefusedScopes,
  routeBackchannelLogouts,
  type SignedOutClient,
  type SignOut,
} from "../../lib/oidc/internals";
import { ACCOUNT_ID, browse, type MemoryProvider, signIn, startMemoryProvider } from "./support/memory-provider";

/**
 * What lib/oidc/internals reads out of oidc-provider's pages and errors, against a real
 * oidc-provider in memory (and, for the error events, its router's source).
 */
const REDIRECT = "http://127.0.0.1/callback";
const POST_LOGOUT = "http://127.0.0.1/signed-out";
const LOGOUT_URI = "http://127.0.0.1:9/backchannel";
let mp: MemoryProvider;
const routedLogouts: { client: SignedOutClient; sub: string; sid: string; signOut?: SignOut }[] = [];
/** When set, the routed back-channel call fails with it (as a queue write in a database outage). */
let routedFailure: Error | undefined;

beforeAll(async () => {
  nameRefusedScopes();
  const features = { backchannelLogout: { enabled: true } };
  mp = await startMemoryProvider({ scopes: ["openid", "phone"], features }, (provider, clients) => {
    routeBackchannelLogouts(provider, async (client, sub, sid, signOut) => {
      if (routedFailure) throw routedFailure;
      routedLogouts.push({ client, sub, sid, signOut });
    });
    clients.set("listening", {
      client_id: "listening",
      client_secret: "listening-secret",
      redirect_uris: [REDIRECT],
      post_logout_redirect_uris: [POST_LOGOUT],
      backchannel_logout_uri: LOGOUT_URI,
      backchannel_logout_session_required: true,
    });
    clients.set("narrow", {
      client_id: "narrow",
      client_secret: "narrow-secret",
      scope: "openid",
      redirect_uris: [REDIRECT],
      post_logout_redirect_uris: [POST_LOGOUT],
    });
  });
});
afterAll(() => mp?.close());

const packageRoot = dirname(createRequire(import.meta.url).resolve("oidc-provider/package.json"));

describe("the oidc-provider these overrides were checked against", () => {
  it("is the installed one, within the range package.json pins", () => {
    const installed = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")).version as string;
    const pinned = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")).dependencies[
      "oidc-provider"
    ] as string;
    expect(pinned).toBe(`~${CHECKED_AGAINST}`);
    const [major, minor] = CHECKED_AGAINST.split(".");
    expect(installed.startsWith(`${major}.${minor}.`)).toBe(true);
  });
});

describe("a refused scope (the InvalidScope error_description setter)", () => {
  it("is named in the error the app receives", async () => {
    const query = new URLSearchParams({
      client_id: "narrow",
      response_type: "code",
      scope: "openid phone",
      redirect_uri: REDIRECT,
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
    const response = await fetch(`${mp.url}/oidc/auth?${query}`, { redirect: "manual" });
    const location = new URL(response.headers.get("location") ?? "", mp.url);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get("error")).toBe("invalid_scope");
    expect(location.searchParams.get("error_description")).toBe("requested scope is not allowed: phone");
  });
});

describe("the logout confirmation form handed to logoutSource", () => {
  it("carries the xsrf value that oidc-provider accepts when the user confirms", async () => {
    const { jar } = await signIn(mp, "narrow", REDIRECT);
    const query = new URLSearchParams({ client_id: "narrow", post_logout_redirect_uri: POST_LOGOUT });
    const page = await browse(jar, `${mp.url}/oidc/session/end?${query}`);
    expect(page.status).toBe(200);
    const xsrf = logoutFormXsrf(mp.logoutForms.at(-1) ?? "");

    const confirmed = await browse(jar, `${mp.url}/oidc/session/end/confirm`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toBe(POST_LOGOUT);
  });

  it("is refused loudly when it has no xsrf input", () => {
    expect(() => logoutFormXsrf('<form method="post"></form>')).toThrow(/xsrf/);
  });
});

describe("a sign-out with back-channel logout (Client.prototype.backchannelLogout)", () => {
  it("hands oidc-provider's choice of app, subject and session to Latchkey instead of POSTing", async () => {
    const { jar } = await signIn(mp, "listening", REDIRECT);
    const query = new URLSearchParams({ client_id: "listening", post_logout_redirect_uri: POST_LOGOUT });
    await browse(jar, `${mp.url}/oidc/session/end?${query}`);
    const xsrf = logoutFormXsrf(mp.logoutForms.at(-1) ?? "");
    const before = routedLogouts.length;
    const confirmed = await browse(jar, `${mp.url}/oidc/session/end/confirm`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }),
    });
    // Nothing listens on LOGOUT_URI (port 9, discard): a POST by oidc-provider itself would fail.
    expect(confirmed.status).toBe(303);
    const routed = routedLogouts.slice(before);
    expect(routed).toHaveLength(1);
    expect(routed[0].client.clientId).toBe("listening");
    expect(routed[0].client.backchannelLogoutSessionRequired).toBe(true);
    expect(routed[0].sub).toBe(ACCOUNT_ID);
    expect(routed[0].sid).toMatch(/^[\w-]{10,}$/);
    // The whole sign-out comes along: the user, and the apps of the session with their sid.
    expect(routed[0].signOut).toEqual({ accountId: ACCOUNT_ID, apps: [{ clientId: "listening", sid: routed[0].sid }] });
  });

  /** Opens the logout prompt of the session in `jar`; undefined when it shows none (no session). */
  async function logoutPrompt(jar: Awaited<ReturnType<typeof signIn>>["jar"]) {
    const forms = mp.logoutForms.length;
    const query = new URLSearchParams({ client_id: "listening", post_logout_redirect_uri: POST_LOGOUT });
    const page = await browse(jar, `${mp.url}/oidc/session/end?${query}`);
    expect(page.status).toBe(200);
    // oidc-provider hands logoutSource a form only while the session has a user.
    return mp.logoutForms.length > forms ? logoutFormXsrf(mp.logoutForms.at(-1) ?? "") : undefined;
  }
  const confirm = (jar: Awaited<ReturnType<typeof signIn>>["jar"], xsrf: string) =>
    browse(jar, `${mp.url}/oidc/session/end/confirm`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }),
    });

  it("fails the sign-out, keeping the session, when the routed call fails", async () => {
    const { jar } = await signIn(mp, "listening", REDIRECT);
    const xsrf = await logoutPrompt(jar);
    if (!xsrf) throw new Error("no logout prompt for a signed-in session");
    routedFailure = Object.assign(new errors.TemporarilyUnavailable("queue down"), { status: 503, statusCode: 503 });
    try {
      // oidc-provider alone would emit backchannel.error, destroy the session and answer 303.
      expect((await confirm(jar, xsrf)).status).toBe(503);
    } finally {
      routedFailure = undefined;
    }
    // Still signed in: the prompt is offered again, and the sign-out now goes through.
    const again = await logoutPrompt(jar);
    expect(again).toBeDefined();
    const before = routedLogouts.length;
    expect((await confirm(jar, again ?? "")).status).toBe(303);
    expect(routedLogouts.length).toBe(before + 1);
    expect(await logoutPrompt(jar)).toBeUndefined();
  });
});

describe("the error events listened to", () => {
  it("include every error event oidc-provider emits", () => {
    const sources = [
      "lib/helpers/initialize_app.js",
      "lib/shared/error_handler.js",
      "lib/shared/authorization_error_handler.js",
    ].map((file) => readFileSync(join(packageRoot, file), "utf8"));
    const emitted = new Set<string>();
    for (const source of sources) {
      for (const match of source.matchAll(/(?:error|emit)\(\s*'([a-z_.]*(?:\.error|server_error))'/g))
        emitted.add(match[1]);
    }
    expect(emitted.size).toBeGreaterThan(15);
    expect([...emitted].filter((event) => !(errorEvents as readonly string[]).includes(event))).toEqual([]);
  });
});
