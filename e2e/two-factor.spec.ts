import { expect, test } from "@playwright/test";
import { authenticatorCode } from "../tests/support/totp";
import { expectKoreanWordBreaks, Setup, signIn, signOutOfAccount } from "./end-user";
import { expectAccessible, screenshot, server } from "./support";

// Signs in four times (an admin to set up, then the user three times): slow on a busy machine.
test.describe.configure({ timeout: 180_000 });

const texts = {
  "en-US": {
    title: "Your account",
    secondFactor: "Two-factor authentication",
    signOut: "Sign out",
    signedOut: "You signed out.",
    wrongPassword: "That is not your current password",
  },
  "ko-KR": {
    title: "내 계정",
    secondFactor: "2단계 인증",
    signOut: "로그아웃",
    signedOut: "로그아웃했습니다.",
    wrongPassword: "현재 비밀번호가 맞지 않습니다",
  },
} as const;

for (const locale of ["en-US", "ko-KR"] as const) {
  test(`set up an authenticator app, then sign in with its code and with a recovery code (${locale})`, async ({
    browser,
  }, info) => {
    const t = texts[locale];
    const setup = await Setup.start(browser, info);
    const user = await setup.user(info);
    await setup.close();
    const page = await (await browser.newContext({ locale })).newPage();
    await page.goto(`${server().url}/account`);
    await signIn(page, user);
    await expect(page.getByRole("heading", { name: t.title })).toBeVisible();

    // Setting up asks for the current password: a wrong one is said beside the field (which takes
    // focus) and starts nothing; the right one goes on to the QR code.
    const setUp = page.locator('form[action="/api/account/two-factor/totp"]');
    const password = setUp.locator('input[name="currentPassword"]');
    await expect(password).toHaveAttribute("autocomplete", "current-password");
    await password.fill("not my password");
    await setUp.locator('button[type="submit"]').click();
    await page.waitForURL(/two_factor=password_wrong/);
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toBeFocused();
    await expect(page.locator("#two-factor-setup-password-error")).toHaveText(t.wrongPassword);
    await expectAccessible(page);
    await screenshot(page, info, `two-factor-wrong-password-${locale}`);
    // Nothing was started: the set-up page has no app being added to show.
    await page.goto(`${server().url}/account/two-factor`);
    await page.waitForURL(`${server().url}/account`);
    await setUp.locator('input[name="currentPassword"]').fill(user.password);
    await setUp.locator('button[type="submit"]').click();
    await page.waitForURL(`${server().url}/account/two-factor`);

    // Set up: the QR code (an image made on the server) and the secret as text.
    const qr = page.getByTestId("totp-qr");
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    if (locale === "ko-KR") await expectKoreanWordBreaks(page);
    await expectAccessible(page);
    await screenshot(page, info, `two-factor-enrol-${locale}`);

    // A wrong code says so; the right one turns it on and shows ten recovery codes, once.
    await page.locator('input[name="code"]').fill("000000");
    await page.locator('input[name="code"]').press("Enter");
    await page.waitForURL(/error=invalid_code/);
    await expect(page.locator('input[name="code"][aria-invalid="true"]')).toBeVisible();
    const confirmedWith = authenticatorCode(secret);
    await page.locator('input[name="code"]').fill(confirmedWith);
    await page.locator('input[name="code"]').press("Enter");
    const codeItems = page.getByTestId("recovery-codes").locator("li");
    await expect(codeItems.first()).toBeVisible();
    const codes = await codeItems.allTextContents();
    expect(codes).toHaveLength(10);
    await screenshot(page, info, `two-factor-recovery-codes-${locale}`);
    await page.locator('a[href="/account"]').click();
    await expect(page.getByTestId("two-factor-status")).toBeVisible();
    // Shown once: the codes page now sends the user back to the account page.
    await page.goto(`${server().url}/account/two-factor`);
    await page.waitForURL(`${server().url}/account`);
    await expect(page.getByTestId("two-factor-status")).toBeVisible();

    // Signed out, the password alone is not enough: the app's code is asked for on its own page.
    await signOutOfAccount(page, t);
    await page.goto(`${server().url}/account`);
    await signIn(page, user);
    await expect(page.getByRole("heading", { name: t.secondFactor })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, info, `two-factor-code-${locale}`);
    // The code that confirmed the app is spent; the next time step's is within the accepted window.
    await page.locator('input[name="code"]').fill(authenticatorCode(secret, Date.now() + 30_000));
    await page.locator('input[name="code"]').press("Enter");
    await expect(page.getByRole("heading", { name: t.title })).toBeVisible();

    // Then with a recovery code instead, from the page's own link.
    await signOutOfAccount(page, t);
    await page.goto(`${server().url}/account`);
    await signIn(page, user);
    await expect(page.getByRole("heading", { name: t.secondFactor })).toBeVisible();
    await page.locator('a[href$="?method=recovery"]').click();
    await expect(page.locator('input[name="method"][value="recovery"]')).toHaveCount(1);
    await page.locator('input[name="code"]').fill(codes[0]);
    await page.locator('input[name="code"]').press("Enter");
    await expect(page.getByRole("heading", { name: t.title })).toBeVisible();

    // New recovery codes ask for the password too; they replace the old ones, shown once.
    const newCodes = page.locator('form[action="/api/account/two-factor/recovery-codes"]');
    await newCodes.locator('input[name="currentPassword"]').fill(user.password);
    await newCodes.locator('button[type="submit"]').click();
    await page.waitForURL(`${server().url}/account/two-factor`);
    await expect(codeItems.first()).toBeVisible();
    const fresh = await codeItems.allTextContents();
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[1]);
    await page.locator('a[href="/account"]').click();
    await expect(page.getByTestId("two-factor-status")).toBeVisible();

    // Turning it off asks for a code: a wrong one is refused by the field, a recovery code does it.
    const remove = page.locator('form[action="/api/account/two-factor/remove"]');
    await remove.locator('input[name="code"]').fill("000000");
    await remove.locator('button[type="submit"]').click();
    await expect(remove.locator('input[name="code"][aria-invalid="true"]')).toBeVisible();
    await expectAccessible(page);
    await remove.locator('input[name="code"]').fill(fresh[0]);
    await remove.locator('button[type="submit"]').click();
    await expect(page.locator('form[action="/api/account/two-factor/totp"]')).toBeVisible();
    await expect(page.getByTestId("two-factor-status")).toHaveCount(0);
    await page.context().close();
  });
}
