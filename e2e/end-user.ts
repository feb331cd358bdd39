import { randomBytes } from "node:crypto";
import { type Browser, expect, type Page, type TestInfo } from "@playwright/test";
import * as oidc from "openid-client";
import { authorizationUrl, redirectUri, server, signInToConsole } from "./support";

/** A name no other test (or earlier run in this database) has used. */
export const unique = (prefix: string, info: TestInfo) =>
  `${prefix} ${info.project.name} ${randomBytes(3).toString("hex")}`;

export type TestApp = { id: string; clientId: string; name: string };

/**
 * Sets up state through the console's API as this project's admin (signed in on `admin`, a page
 * of its own context): third-party apps and users that no other test touches.
 */
export class Setup {
  private constructor(private readonly admin: Page) {}

  static async start(browser: Browser, info: TestInfo) {
    // In English and with scripts, whatever the test itself uses (contexts inherit test.use).
    const admin = await (await browser.newContext({ locale: "en-US", javaScriptEnabled: true })).newPage();
    await signInToConsole(admin, info);
    return new Setup(admin);
  }

  async app(
    name: string,
    { redirectUris = [redirectUri()], ...settings }: { redirectUris?: string[]; [key: string]: unknown } = {},
  ) {
    const created = await this.admin.request.post(`${server().url}/api/v1/applications`, {
      headers: { origin: server().url },
      data: { type: "third-party", name, redirectUris, allowedScopes: ["profile", "email"] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { application } = (await created.json()) as { application: TestApp };
    if (Object.keys(settings).length > 0) {
      const saved = await this.admin.request.patch(`${server().url}/api/v1/applications/${application.id}`, {
        headers: { origin: server().url },
        data: settings,
      });
      expect(saved.status(), await saved.text()).toBe(200);
    }
    return { ...application, name };
  }

  async user(info: TestInfo, name = "Sam Lee") {
    const user = {
      email: `sam.${randomBytes(4).toString("hex")}.${info.project.name}@example.com`,
      password: "another-passphrase",
    };
    const created = await this.admin.request.post(`${server().url}/api/v1/users`, {
      headers: { origin: server().url },
      data: { ...user, name },
    });
    expect(created.status(), await created.text()).toBe(201);
    return user;
  }

  async close() {
    await this.admin.context().close();
  }

  /** A fresh third-party app (named `displayName` on its pages) and a fresh user. */
  static async appAndUser(browser: Browser, info: TestInfo, displayName: string) {
    const setup = await Setup.start(browser, info);
    const app = await setup.app(unique(displayName, info), { displayName });
    const user = await setup.user(info);
    await setup.close();
    return { app: { ...app, name: displayName }, user };
  }
}

/** An authorization request for `app` with extra parameters (prompt, and so on). */
export function requestUrl(app: { clientId: string }, scope: string, extra: Record<string, string> = {}) {
  const url = new URL(authorizationUrl(app, scope));
  for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
  return url.href;
}

/** Fills the provider's sign-in page, whichever language it speaks (the fields are found by type). */
export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.locator('input[type="email"]').fill(user.email);
  await page.locator('input[type="password"]').fill(user.password);
  await page.locator('form button[type="submit"]').click();
}

/** The app's callback received an authorization code. */
export async function expectCode(page: Page) {
  await page.waitForURL(`${redirectUri()}**`);
  expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();
}

/** Korean text wraps between words: the page's text keeps Korean words whole. */
export async function expectKoreanWordBreaks(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  const wordBreak = await page
    .locator("h1")
    .first()
    .evaluate((node) => getComputedStyle(node).wordBreak);
  expect(wordBreak).toBe("keep-all");
}

/** Signs out from /account (its button, then the provider's question), in the page's language. */
export async function signOutOfAccount(page: Page, words: { signOut: string; signedOut: string }) {
  await page.getByRole("button", { name: words.signOut }).click();
  await page.locator('button[name="logout"]').click();
  await expect(page.getByRole("status").filter({ hasText: words.signedOut })).toBeVisible();
}

/**
 * Answers the consent page the sign-in led to (its button named `authorize` in the page's
 * language), waits for the app's callback, and redeems the code there as the app does.
 */
export async function consentAndRedeem(
  page: Page,
  authorize: string,
  app: { config: oidc.Configuration; verifier: string; redirect: string; state: string },
) {
  await page.getByRole("button", { name: authorize }).click();
  await page.waitForURL((url) => url.href.startsWith(app.redirect));
  return oidc.authorizationCodeGrant(app.config, new URL(page.url()), {
    pkceCodeVerifier: app.verifier,
    expectedState: app.state,
  });
}
