import { expect, test } from "@playwright/test";
import { server, signInOnProvider, signInToConsole, userOf } from "./support";

/**
 * Every page runs under a Content-Security-Policy whose scripts need the response's nonce. A page
 * whose own scripts were refused would still render on the server but stop working in the
 * browser, so the browser's own report of a refusal fails the test.
 */
test("the console and the account page run their scripts under the CSP", async ({ page }, info) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(`${page.url()}: ${message.text()}`);
  });

  await signInToConsole(page, info);
  // The page's scripts run: a tab link is followed by the client router, without a reload.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page
    .getByRole("link", { name: /Third-party/ })
    .first()
    .click();
  await page.waitForURL(/tab=third-party/);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  for (const path of ["/users", "/audit", "/settings/keys", "/api-docs"]) {
    await page.goto(`${server().url}${path}`);
    await expect(page.locator("main")).toBeVisible();
  }

  await page.context().clearCookies();
  // The account page starts the sign-in by itself (a script), straight to the provider's page.
  await page.goto(`${server().url}/account`);
  await signInOnProvider(page, userOf(info));
  await page.waitForURL(`${server().url}/account`);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  expect(refused).toEqual([]);
});
