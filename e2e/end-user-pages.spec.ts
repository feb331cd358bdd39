import { expect, test } from "@playwright/test";
import { expectKoreanWordBreaks, Setup, signIn } from "./end-user";
import { authorizationUrl, expectAccessible, screenshot, server } from "./support";

// Each test signs in more than once (an admin to set up, a user to act): slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

test("every page links Latchkey's icon, and the server serves it", async ({ page }) => {
  await page.goto(`${server().url}/`);
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", "/favicon.svg");
  const icon = await page.request.get(`${server().url}/favicon.svg`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(await icon.text()).toContain("<svg");
});

for (const [locale, texts] of [
  [
    "en-US",
    {
      continueTo: "to continue to Latchkey Account",
      title: "Your account",
      signOut: "Sign out",
      askedBy: "Latchkey Account asked to sign you out of Latchkey.",
      signedOut: "You signed out.",
    },
  ],
  [
    "ko-KR",
    {
      continueTo: "Latchkey 계정(으)로 이동하려면 로그인하세요",
      title: "내 계정",
      signOut: "로그아웃",
      askedBy: "Latchkey 계정에서 Latchkey 로그아웃을 요청했습니다.",
      signedOut: "로그아웃했습니다.",
    },
  ],
] as const) {
  test(`the account page's sign-in and sign-out name it in the reader's language (${locale})`, async ({
    browser,
  }, info) => {
    const setup = await Setup.start(browser, info);
    const user = await setup.user(info);
    await setup.close();
    const page = await (await browser.newContext({ locale })).newPage();
    await page.goto(`${server().url}/account`);
    await expect(page.getByText(texts.continueTo)).toBeVisible();
    await expect(page.getByText(/Your Latchkey account/i)).toHaveCount(0);
    if (locale === "ko-KR") await expectKoreanWordBreaks(page);
    await expectAccessible(page);
    await screenshot(page, info, `account-sign-in-${locale}`);
    await signIn(page, user);
    await expect(page.getByRole("heading", { name: texts.title })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, info, `account-empty-${locale}`);

    await page.getByRole("button", { name: texts.signOut }).click();
    await expect(page.getByText(texts.askedBy)).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, info, `account-sign-out-${locale}`);
    await page.locator('button[name="logout"]').click();
    await expect(page.getByRole("status").filter({ hasText: texts.signedOut })).toBeVisible();
    await expectAccessible(page);
    await page.context().close();
  });
}

for (const locale of ["en-US", "ko-KR"]) {
  test(`the front door and the error pages pass axe (${locale})`, async ({ browser }, info) => {
    const page = await (await browser.newContext({ locale })).newPage();
    for (const path of ["/", "/error?kind=expired", `/interaction/not-a-request`]) {
      await page.goto(`${server().url}${path}`);
      await expect(page.locator("h1")).toBeVisible();
      await expectAccessible(page);
    }
    await screenshot(page, info, `error-expired-${locale}`);
    await page.context().close();
  });
}

test.describe("in Korean", () => {
  test("the sign-in page for an app keeps Korean words whole and passes axe", async ({ browser }, info) => {
    const page = await (await browser.newContext({ locale: "ko-KR" })).newPage();
    await page.goto(authorizationUrl(server().wiki));
    await expect(page.getByRole("heading", { name: "로그인" })).toBeVisible();
    await expectKoreanWordBreaks(page);
    await expectAccessible(page);
    await screenshot(page, info, "sign-in-app-ko");
    await page.context().close();
  });
});
