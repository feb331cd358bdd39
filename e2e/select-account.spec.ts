import { expect, test } from "@playwright/test";
import { expectCode, expectKoreanWordBreaks, requestUrl, Setup, signIn } from "./end-user";
import { expectAccessible, screenshot, server, userOf } from "./support";

// Each test signs in more than once (an admin to set up, a user to act): slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

test("prompt=select_account offers the signed-in account, or another", async ({ browser }, info) => {
  const setup = await Setup.start(browser, info);
  const other = await setup.user(info, "Sam Lee");
  await setup.close();
  const page = await (await browser.newContext()).newPage();
  const portal = server().portal;

  // Without a session, the sign-in page is the account choice: no second question after it.
  await page.goto(requestUrl(portal, "openid email", { prompt: "select_account" }));
  await signIn(page, userOf(info));
  await expectCode(page);

  await page.goto(requestUrl(portal, "openid email", { prompt: "select_account" }));
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  await expect(page.getByText(userOf(info).email)).toBeVisible();
  await expect(page.getByRole("button", { name: `Continue as ${userOf(info).email}` })).toBeFocused();
  await expectAccessible(page);
  await screenshot(page, info, "select-account");
  await page.getByRole("button", { name: `Continue as ${userOf(info).email}` }).click();
  await expectCode(page);

  await page.goto(requestUrl(portal, "openid email", { prompt: "select_account" }));
  await page.getByRole("button", { name: "Use another account" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signIn(page, other);
  await expectCode(page);

  // The session now belongs to the other account.
  await page.goto(requestUrl(portal, "openid email", { prompt: "select_account" }));
  await expect(page.getByText(other.email)).toBeVisible();
  await page.context().close();
});

test.describe("in Korean", () => {
  test("the account choice speaks Korean", async ({ browser }, info) => {
    const page = await (await browser.newContext({ locale: "ko-KR" })).newPage();
    await page.goto(requestUrl(server().portal, "openid email"));
    await signIn(page, userOf(info));
    await expectCode(page);
    await page.goto(requestUrl(server().portal, "openid email", { prompt: "select_account" }));
    await expect(page.getByRole("heading", { name: "계정 선택" })).toBeVisible();
    await expect(page.getByRole("button", { name: "다른 계정 사용" })).toBeVisible();
    await expect(page.getByRole("button", { name: `${userOf(info).email}(으)로 계속` })).toBeVisible();
    await expectKoreanWordBreaks(page);
    await expectAccessible(page);
    await screenshot(page, info, "select-account-ko");
    await page.context().close();
  });
});
