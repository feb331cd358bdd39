import { expect, test } from "@playwright/test";
import {
  authorizationUrl,
  expectAccessible,
  freshThirdPartyApp,
  redirectUri,
  screenshot,
  server,
  userOf,
} from "./support";

test("a user signs in to a third-party app, consents, and is sent back with a code", async ({ page }, info) => {
  const USER = userOf(info);
  // The pages' Content-Security-Policy must not block anything they need (their scripts carry its nonce).
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  // An app of its own: the consent page shows whatever other tests consented to.
  await page.goto(authorizationUrl(await freshThirdPartyApp("Acme Wiki")));
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("to continue to Acme Wiki")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "sign-in");

  // Empty submit: inline errors tied to their fields.
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter your email address")).toBeVisible();

  // A wrong password and an unknown email get the same message.
  for (const email of [USER.email, "nobody@example.com"]) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
  }
  await screenshot(page, info, "sign-in-error");

  await page.getByLabel("Password").fill(USER.password);
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Password").press("Enter");

  await expect(page.getByRole("heading", { name: "Acme Wiki wants to access your account" })).toBeVisible();
  await expect(page.getByText("Your email address")).toBeVisible();
  await expect(page.getByText("Your profile")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "consent");

  await page.getByRole("button", { name: "Authorize" }).click();
  await page.waitForURL(`${redirectUri()}**`);
  expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();
  expect(blocked).toEqual([]);
});

test("Cancel on the consent page returns access_denied to the app", async ({ page }, info) => {
  const USER = userOf(info);
  await page.goto(authorizationUrl(await freshThirdPartyApp("Acme Wiki"), "openid phone"));
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Password").fill(USER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Your phone number")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.waitForURL(`${redirectUri()}**`);
  expect(new URL(page.url()).searchParams.get("error")).toBe("access_denied");
});

test("the sign-in form works with the keyboard alone", async ({ page }, info) => {
  const USER = userOf(info);
  await page.goto(authorizationUrl(server().portal));
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(USER.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(USER.password);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL(`${redirectUri()}**`);
  expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();
});

test.describe("without JavaScript", () => {
  // A slow phone may send the form before scripts load: the plain form post must work as well.
  test.use({ javaScriptEnabled: false });

  test("signing in and consenting work as plain form posts", async ({ page }, info) => {
    await page.goto(authorizationUrl(await freshThirdPartyApp("Acme Wiki"), "openid email phone"));
    await page.getByLabel("Email").fill(userOf(info).email);
    await page.getByLabel("Password").fill(userOf(info).password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Your phone number")).toBeVisible();
    await page.getByRole("button", { name: "Authorize" }).click();
    await page.waitForURL(`${redirectUri()}**`);
    expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();
  });
});

test("a bad redirect URI gets a friendly explanation, not a redirect", async ({ page }, info) => {
  const url = new URL(authorizationUrl(server().wiki));
  url.searchParams.set("redirect_uri", "https://attacker.example.com/steal");
  const response = await page.goto(url.href);
  expect(response?.status()).toBe(400);
  expect(page.url()).toBe(url.href);
  await expect(page.getByRole("heading", { name: "This app is not set up correctly" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "error-redirect-uri");
});

test("an expired sign-in link explains what to do", async ({ page }, info) => {
  await page.goto(`${server().url}/interaction/doesnotexist`);
  await expect(page.getByRole("heading", { name: "This sign-in link has expired" })).toBeVisible();
  await screenshot(page, info, "error-expired");
});

test("signing out asks first, then confirms", async ({ page }, info) => {
  const USER = userOf(info);
  await page.goto(authorizationUrl(server().portal));
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Password").fill(USER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`${redirectUri()}**`);

  await page.goto(`${server().issuer}/session/end`);
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "sign-out");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await screenshot(page, info, "signed-out");

  // The session is gone: the app's next request asks for the password again.
  await page.goto(authorizationUrl(server().portal));
  await expect(page.getByLabel("Password")).toBeVisible();
});

test.describe("in Korean", () => {
  // The browser asks for Korean (Accept-Language: ko-KR) and has no language cookie yet.
  test.use({ locale: "ko-KR" });

  test("the sign-in page speaks the browser's language, and the language menu switches it for good", async ({
    page,
  }, info) => {
    await page.goto(authorizationUrl(server().wiki));
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByRole("heading", { name: "로그인" })).toBeVisible();
    await expect(page.getByText("Acme Wiki(으)로 이동하려면 로그인하세요")).toBeVisible();
    await page.getByRole("button", { name: "로그인", exact: true }).click();
    await expect(page.getByText("이메일 주소를 입력하세요")).toBeVisible();
    // The language menu under the card fits a phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, info, "sign-in-ko");

    await page.getByLabel("언어").selectOption("en");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    // The choice is a cookie: it outlives the page and wins over Accept-Language.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.getByText("to continue to Acme Wiki")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByLabel("Language")).toHaveValue("en");
  });
});
