import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { createDatabase } from "../tests/support/postgres";
import { startServer, type TestServer, tempSqlite } from "../tests/support/server";
import { startSmtp, type TestSmtp } from "../tests/support/smtp";
import { adminFor, databaseOf, type E2eServer, userFor } from "./global-setup";
import { keepScreenshot } from "./screenshots";

export const userOf = (info: TestInfo) => userFor(info.project.name);
export const adminOf = (info: TestInfo) => adminFor(info.project.name);

/** Fills and sends the provider's sign-in page. */
export async function signInOnProvider(page: Page, user: { email: string; password: string }) {
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in to the console as this project's admin, through the provider, like a person does. */
export async function signInToConsole(page: Page, info: TestInfo, path = "/applications") {
  await page.goto(`${server().url}${path}`);
  await signInOnProvider(page, adminOf(info));
  await page.waitForURL(`${server().url}${path}`);
}

type App = { clientId: string; clientSecret?: string };

/** The server of the running test's project: the SQLite one, or the PostgreSQL one for projects on it. */
export function server(): E2eServer {
  const database = databaseOf(test.info().project);
  const found = (JSON.parse(process.env.LATCHKEY_E2E ?? "{}") as Record<string, E2eServer | { unavailable: string }>)[
    database
  ];
  if (!found) throw new Error(`no ${database} server: the browser tests' global setup did not start one`);
  if ("unavailable" in found) throw new Error(found.unavailable);
  return found;
}

/**
 * A third-party app of the test's own, created through the management API: consent is given per
 * user and app, so a test that needs to see the consent page must not share its app.
 */
export async function freshThirdPartyApp(name: string, allowedScopes = ["profile", "email", "phone"]): Promise<App> {
  const { url, issuer, redirect, setup } = server();
  const basic = Buffer.from(`${setup.clientId}:${setup.clientSecret}`).toString("base64");
  const token = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", resource: `${url}/api`, scope: "management" }),
  });
  expect(token.status, "a management token for the test's own app").toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  const created = await fetch(`${url}/api/v1/applications`, {
    method: "POST",
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ type: "third-party", name, redirectUris: [redirect], allowedScopes }),
  });
  expect(created.status, "creating the test's own app").toBe(201);
  const { application, clientSecret } = (await created.json()) as { application: App; clientSecret: string };
  return { clientId: application.clientId, clientSecret };
}

/** The app's redirect URI (a small page the test setup serves). */
export const redirectUri = () => server().redirect;

/** An authorization request with PKCE, as a real app would build it. */
export function authorizationUrl(app: App, scope = "openid profile email") {
  const verifier = randomBytes(32).toString("base64url");
  const url = new URL(`${server().issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: app.clientId,
    response_type: "code",
    redirect_uri: redirectUri(),
    scope,
    state: randomBytes(8).toString("hex"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  return url.href;
}

/**
 * Saves a full-page screenshot as a test artifact, named by page and project (viewport); the few
 * kept in the repository are written there too, by `npm run screenshots` only (e2e/screenshots.ts).
 */
export async function screenshot(page: Page, info: TestInfo, name: string) {
  // The PostgreSQL project renders the same pages as desktop: one set of pictures is enough.
  if (databaseOf(info.project) !== "sqlite") return;
  const path = `test-results/screenshots/${name}-${info.project.name}.png`;
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: "image/png" });
  await keepScreenshot(page, info, name);
}

/** How long one axe scan may take: on a loaded machine the test then fails saying so, not at its own timeout. */
const axeTimeout = 45_000;

/**
 * Fails on any accessibility violation axe finds, whatever its impact, naming for each the rule,
 * its impact, the elements (as selectors) and the page explaining the fix. `soft` lets a walk over
 * many pages go on and report them all (the test still fails).
 */
export async function expectAccessible(page: Page, { soft = false } = {}) {
  const url = page.url();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`axe did not finish checking ${url} within ${axeTimeout / 1000}s (is the machine busy?)`)),
      axeTimeout,
    );
  });
  try {
    const results = await Promise.race([new AxeBuilder({ page }).analyze(), timedOut]);
    const violations = results.violations.map((v) => {
      const targets = v.nodes.map((node) => node.target.map(String).join(" >> "));
      return `${v.impact ?? "unrated"} ${v.id}: ${v.help} at ${targets.join(", ")} (${v.helpUrl})`;
    });
    (soft ? expect.soft : expect)(violations, `axe violations on ${url}`).toEqual([]);
  } finally {
    clearTimeout(timer);
  }
}

/** Creates an app through the console's own API, as the signed-in admin (for tests about other things). */
export async function createViaApi(page: Page, body: Record<string, unknown>) {
  const response = await page.request.post(`${server().url}/api/v1/applications`, {
    headers: { origin: server().url },
    data: body,
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { application: { id: string; clientId: string }; clientSecret?: string };
}

/**
 * A fresh database for a Latchkey a spec starts itself (one that sends email, say), on the
 * running project's database: SQLite, or the global setup's PostgreSQL server.
 */
export async function ownDatabase(info: TestInfo): Promise<{ url: string; cleanup: () => void }> {
  if (databaseOf(info.project) === "sqlite") return tempSqlite();
  const postgres = process.env.LATCHKEY_E2E_POSTGRES;
  if (!postgres) throw new Error("no PostgreSQL server: the browser tests' global setup did not start one");
  return { url: await createDatabase(postgres), cleanup: () => {} };
}

/**
 * A Latchkey of the spec file's own that sends email to a real SMTP server the test reads, on a
 * fresh database of the project's kind; started before its tests and stopped after them.
 */
export function mailingServer(): () => { latchkey: TestServer; smtp: TestSmtp } {
  let started: { latchkey: TestServer; smtp: TestSmtp } | undefined;
  let cleanup: (() => void) | undefined;
  test.beforeAll(async ({ browser: _browser }, info) => {
    // A server of its own starts here: on a busy machine that alone can take half a minute.
    test.setTimeout(120_000);
    const smtp = await startSmtp();
    const db = await ownDatabase(info);
    cleanup = db.cleanup;
    started = { smtp, latchkey: await startServer(db.url, { SMTP_URL: smtp.url }) };
  });
  test.afterAll(async () => {
    await started?.latchkey.stop();
    await started?.smtp.stop();
    cleanup?.();
  });
  return () => {
    if (!started) throw new Error("the mailing server has not started");
    return started;
  };
}

/**
 * A Latchkey of the describe block's own, on a fresh database (no admin, no apps), started before
 * its tests and stopped after them; for pages that only an empty installation shows.
 */
export function freshServer(): () => TestServer {
  let fresh: TestServer | undefined;
  let cleanup: (() => void) | undefined;
  test.beforeAll(async () => {
    const db = tempSqlite();
    cleanup = db.cleanup;
    fresh = await startServer(db.url);
  });
  test.afterAll(async () => {
    await fresh?.stop();
    cleanup?.();
  });
  return () => {
    if (!fresh) throw new Error("the fresh server has not started");
    return fresh;
  };
}

/** Ticks "I have saved the client secret" and closes the dialog that shows a new secret. */
export async function acknowledgeSecret(page: Page) {
  await page.getByRole("checkbox", { name: "I have saved the client secret" }).check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-client-secret")).toHaveCount(0);
}

/**
 * The console's navigation, opened first on a phone (where it is one Menu button) so its links
 * can be read and followed the same way at every size.
 */
export async function consoleNav(page: Page, info: TestInfo) {
  const nav = page.getByRole("navigation", { name: "Console" });
  if (info.project.name === "phone") {
    const menu = nav.getByRole("button", { name: "Menu" });
    if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
  }
  return nav;
}
