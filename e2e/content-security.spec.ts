import { expect, type Page, test } from "@playwright/test";
import { requestUrl, Setup, unique } from "./end-user";
import { adminOf, createViaApi, expectAccessible, server, signInOnProvider } from "./support";

// Signs in three times (admin, console, user) and walks many pages: slow on a busy machine.
test.describe.configure({ timeout: 180_000 });

/**
 * Everything the browser refuses under the page's Content-Security-Policy, as it reports it: the
 * `securitypolicyviolation` event (listened for before any of the page's own markup is parsed)
 * and the console message Chromium prints. Also the policy of every document loaded, to check the
 * header itself.
 */
async function watchPolicy(page: Page) {
  const refused: string[] = [];
  const policies = new Map<string, string>();
  await page.exposeFunction("reportCspViolation", (text: string) => refused.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${location.pathname}: ${event.effectiveDirective} refused ${event.blockedURI} "${event.sample}"`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(`${page.url()}: ${message.text()}`);
  });
  page.on("response", (response) => {
    // Pages only: redirects on the way (JSON endpoints among them) carry the no-content policy.
    if (!response.headers()["content-type"]?.startsWith("text/html")) return;
    if (response.request().resourceType() !== "document") return;
    const policy = response.headers()["content-security-policy"];
    if (policy) policies.set(new URL(response.url()).pathname, policy);
  });
  return { refused, policies };
}

/** The sources a policy's directive lists, or undefined when it has no such directive. */
function sources(policy: string, name: string) {
  const directive = policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return directive?.slice(1);
}

/**
 * An injected <style> (what markup injection would add to read the page with CSS selectors) is
 * refused, and the browser reports it: proof that the watcher sees refusals at all.
 */
async function expectInjectedStyleRefused(page: Page, refused: string[]) {
  const before = refused.length;
  const background = await page.evaluate(() => {
    const style = document.createElement("style");
    style.textContent = "body { background-color: rgb(1, 2, 3) !important; }";
    document.head.append(style);
    return getComputedStyle(document.body).backgroundColor;
  });
  expect(background, "an injected <style> must not apply").not.toBe("rgb(1, 2, 3)");
  await expect
    .poll(() => refused.slice(before).join("\n"), { message: "the browser reports the refused <style>" })
    .toMatch(/style-src/);
  refused.splice(before);
}

/** A console page loaded, with its main content drawn (its scripts ran far enough to render it). */
async function visit(page: Page, path: string) {
  await page.goto(`${server().url}${path}`);
  await expect(page.locator("main")).toBeVisible();
}

test("every kind of page runs under a CSP that refuses inline style elements, with nothing refused", async ({
  browser,
  page,
}, info) => {
  const setup = await Setup.start(browser, info);
  const thirdParty = await setup.app(unique("Style Check", info));
  const user = await setup.user(info);
  await setup.close();
  const { refused, policies } = await watchPolicy(page);

  // The provider's sign-in page, then the console: list, tabs (client navigation), wizard, detail.
  await page.goto(`${server().url}/applications`);
  // The console's own sign-in page sends the browser on to the provider's by a script.
  await page.waitForURL(/\/interaction\//);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectInjectedStyleRefused(page, refused);
  await signInOnProvider(page, adminOf(info));
  await page.waitForURL(`${server().url}/applications`);
  await expect(page.locator("main")).toBeVisible();
  await expectInjectedStyleRefused(page, refused);
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page
    .getByRole("link", { name: /Third-party/ })
    .first()
    .click();
  await page.waitForURL(/tab=third-party/);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await page.getByRole("button", { name: "Create application" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create an application" });
  await dialog.getByLabel("Single-page app").check();
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByLabel("Name")).toBeVisible();

  const { application } = await createViaApi(page, {
    type: "spa",
    name: unique("Style Detail", info),
    redirectUris: ["https://spa.example.com/callback"],
  });
  for (const tab of ["", "/connect", "/branding", "/tokens", "/permissions"]) {
    await visit(page, `/applications/${application.id}${tab}`);
  }
  for (const path of [
    "/users",
    "/roles",
    "/apis",
    "/audit",
    "/settings/keys",
    "/settings/email",
    "/docs",
    "/api-docs",
  ]) {
    await visit(page, path);
  }
  // Addresses that name nothing: the applications' own not-found page, and the site's (Next.js's
  // built-in one would style itself inline).
  await page.goto(`${server().url}/applications/no-such-app`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  for (const path of ["/apis/no-such-api", "/no-such-page"]) {
    const response = await page.goto(`${server().url}${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await expectAccessible(page);

  // The account page (Next.js) and the consent page (server-rendered), as a user.
  await page.context().clearCookies();
  await page.goto(`${server().url}/account`);
  await signInOnProvider(page, user);
  await page.waitForURL(`${server().url}/account`);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expectInjectedStyleRefused(page, refused);
  await page.goto(`${server().url}/account/two-factor`);
  await expect(page.locator("h1")).toBeVisible();
  await page.goto(requestUrl(thirdParty, "openid profile"));
  await expect(page.getByRole("heading", { name: /wants to access your account/ })).toBeVisible();
  await expectInjectedStyleRefused(page, refused);

  // Error pages: one the provider's server renders itself, one opened by address (Next.js).
  const mismatch = new URL(requestUrl(server().wiki, "openid"));
  mismatch.searchParams.set("redirect_uri", "https://elsewhere.example.net/callback");
  await page.goto(mismatch.href);
  await expect(page.getByRole("heading", { name: "This app is not set up correctly" })).toBeVisible();
  await page.goto(`${server().url}/error?kind=expired`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // More pages the server renders itself: entering a device's code, and "Forgot password?".
  for (const address of [`${server().issuer}/device`, `${server().url}/password`]) {
    await page.goto(address);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  expect(refused).toEqual([]);
  expect(policies.size).toBeGreaterThan(15);
  for (const [path, policy] of policies) {
    expect(sources(policy, "style-src"), `style-src of ${path}`).toEqual(["'self'", expect.stringMatching(/^'nonce-/)]);
    expect(sources(policy, "style-src-elem"), `style-src-elem of ${path}`).toBeUndefined();
    expect(policy, `the policy of ${path}`).not.toMatch(/style-src[^;]*'unsafe-inline'/);
  }
});
