import { expect, type Page, test } from "@playwright/test";
import { expectCode, expectKoreanWordBreaks, requestUrl, Setup, signIn, type TestApp, unique } from "./end-user";
import { expectAccessible, screenshot, server } from "./support";

// Each test signs in more than once (an admin to set up, a user to act): slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** A new user who authorized `apps`, signed in on their account page. */
async function userWithApps(page: Page, user: { email: string; password: string }, apps: TestApp[]) {
  for (const [index, app] of apps.entries()) {
    await page.goto(requestUrl(app, "openid email"));
    if (index === 0) await signIn(page, user);
    await page.locator('form button[value="confirm"]').click();
    await expectCode(page);
  }
  await page.goto(`${server().url}/account`);
}

test("revoking asks in a styled dialog, returns focus, and says what is left", async ({ browser }, info) => {
  const setup = await Setup.start(browser, info);
  const notes = await setup.app(unique("Notes", info), { displayName: "Acme Notes" });
  const board = await setup.app(unique("Board", info), { displayName: "Acme Board" });
  const user = await setup.user(info);
  await setup.close();
  const page = await (await browser.newContext()).newPage();
  let nativeDialogs = 0;
  page.on("dialog", (dialog) => {
    nativeDialogs += 1;
    void dialog.dismiss();
  });
  await userWithApps(page, user, [notes, board]);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  // Cancel (and Escape) close the dialog and put the focus back on the button that opened it.
  const revokeNotes = page.getByRole("button", { name: "Revoke access for Acme Notes" });
  await revokeNotes.click();
  const dialog = page.getByRole("dialog", { name: "Revoke access for Acme Notes?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectAccessible(page);
  await screenshot(page, info, "account-revoke-dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(revokeNotes).toBeFocused();
  await revokeNotes.press("Enter");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(revokeNotes).toBeFocused();

  await revokeNotes.click();
  await dialog.getByRole("button", { name: "Revoke access" }).click();
  const done = page.getByRole("status").filter({ hasText: "Acme Notes no longer has access to your account." });
  await expect(done).toBeVisible();
  await expect(revokeNotes).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Revoke access for Acme Board" })).toBeVisible();
  await expect(page.getByText("No app has access to your account.")).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke access for Acme Board" }).click();
  await page
    .getByRole("dialog", { name: "Revoke access for Acme Board?" })
    .getByRole("button", { name: "Revoke access" })
    .click();
  await expect(page.getByText("Acme Board no longer has access to your account.")).toBeVisible();
  await expect(page.getByText(/No app has access to your account\./)).toBeVisible();
  await expect(page.getByText("You have not authorized any apps yet.")).toHaveCount(0);
  await screenshot(page, info, "account-after-revoke");
  expect(nativeDialogs).toBe(0);
  await page.context().close();
});

test("without scripts, revoking goes through a confirm page and a form post", async ({ browser }, info) => {
  const { app: notes, user } = await Setup.appAndUser(browser, info, "Plain Notes");
  // The account page signs in through next-auth, which needs a script: sign in with one, then
  // refuse every script the pages load, so nothing hydrates and every form is a plain one.
  const page = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  await userWithApps(page, user, [notes]);
  // (The signed-out page has the same heading: wait for the signed-in list.)
  await expect(page.getByRole("button", { name: "Revoke access for Plain Notes" })).toBeVisible();
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.reload();
  await page.getByRole("button", { name: "Revoke access for Plain Notes" }).click();
  await expect(page.getByRole("heading", { name: "Revoke access for Plain Notes?" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/account/revoke/${notes.clientId}`);
  await expectAccessible(page);
  await screenshot(page, info, "account-revoke-page");
  await page.getByRole("button", { name: "Revoke access" }).click();
  await page.waitForURL(/\/account\?revoked=/);
  await expect(page.getByText("Plain Notes no longer has access to your account.")).toBeVisible();
  await expect(page.getByText(/No app has access to your account\./)).toBeVisible();

  // A forged post (no token) changes nothing.
  const forged = await page.request.post(`${server().url}/api/account/connected-apps/${notes.clientId}/revoke`, {
    headers: { origin: server().url },
    form: { token: "forged" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  await page.context().close();
});

test.describe("in Korean", () => {
  test("the account page and its dialog speak Korean, with Korean dates", async ({ browser }, info) => {
    const { app: notes, user } = await Setup.appAndUser(browser, info, "에이크미 노트");
    const page = await (await browser.newContext({ locale: "ko-KR" })).newPage();
    await userWithApps(page, user, [notes]);
    await expect(page.getByRole("heading", { name: "내 계정" })).toBeVisible();
    await expect(page.getByText(/^\d{4}년 \d{1,2}월 \d{1,2}일에 승인함$/)).toBeVisible();
    await expectKoreanWordBreaks(page);
    await page.getByRole("button", { name: "에이크미 노트의 접근 권한 철회" }).click();
    const dialog = page.getByRole("dialog", { name: "에이크미 노트의 접근 권한을 철회할까요?" });
    await expect(dialog.getByRole("button", { name: "취소" })).toBeFocused();
    await expectAccessible(page);
    await screenshot(page, info, "account-revoke-dialog-ko");
    await dialog.getByRole("button", { name: "접근 권한 철회" }).click();
    await expect(page.getByText("에이크미 노트은(는) 더 이상 계정에 접근할 수 없습니다.")).toBeVisible();
    await expect(page.getByText(/계정에 접근할 수 있는 앱이 없습니다/)).toBeVisible();
    await page.context().close();
  });
});
