import { expect, test } from "@playwright/test";
import { expectKoreanWordBreaks, requestUrl, Setup, unique } from "./end-user";
import { expectAccessible, screenshot, server } from "./support";

// Each test signs in more than once (an admin to set up, a user to act): slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

// Untrusted text from the request: it must come out as text, never as markup.
const ASKED = 'https://wiki.example.net/callback?next=<b id="injected">x</b>&"quoted"';

test("an app without redirect URIs explains itself and shows the address asked for", async ({ browser }, info) => {
  const setup = await Setup.start(browser, info);
  const app = await setup.app(unique("No Return", info), { redirectUris: [], displayName: "Return-less Wiki" });
  await setup.close();
  const page = await (await browser.newContext()).newPage();
  const url = new URL(requestUrl(app, "openid"));
  url.searchParams.set("redirect_uri", ASKED);
  const response = await page.goto(url.href);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "This app cannot finish signing in yet" })).toBeVisible();
  await expect(page.getByText(/Return-less Wiki has no redirect URI registered in Latchkey/)).toBeVisible();
  await expect(page.getByTestId("requested-redirect-uri")).toHaveText(ASKED);
  await expect(page.locator("#injected")).toHaveCount(0);
  await expect(page.getByText("redirect_uris must contain members")).toBeHidden();
  await expectAccessible(page);
  await screenshot(page, info, "error-no-redirect-uris");
  await page.context().close();
});

test("a redirect URI the app did not register is shown, escaped, with what to do", async ({ page }, info) => {
  const url = new URL(requestUrl(server().wiki, "openid"));
  url.searchParams.set("redirect_uri", ASKED);
  const response = await page.goto(url.href);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "This app is not set up correctly" })).toBeVisible();
  await expect(page.getByText(/Acme Wiki asked to send you back to an address it has not registered/)).toBeVisible();
  await expect(page.getByTestId("requested-redirect-uri")).toHaveText(ASKED);
  await expect(page.locator("#injected")).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, info, "error-redirect-mismatch");
});

test.describe("in Korean", () => {
  test.use({ locale: "ko-KR" });

  test("the redirect URI error speaks Korean", async ({ page }, info) => {
    const url = new URL(requestUrl(server().wiki, "openid"));
    url.searchParams.set("redirect_uri", ASKED);
    await page.goto(url.href);
    await expect(page.getByRole("heading", { name: "앱이 올바르게 설정되지 않았습니다" })).toBeVisible();
    await expect(page.getByText("앱이 요청한 주소:")).toBeVisible();
    await expect(page.getByTestId("requested-redirect-uri")).toHaveText(ASKED);
    await expectKoreanWordBreaks(page);
    await expectAccessible(page);
    await screenshot(page, info, "error-redirect-mismatch-ko");
  });
});
