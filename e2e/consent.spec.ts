import { expect, test } from "@playwright/test";
import { expectCode, expectKoreanWordBreaks, requestUrl, Setup, signIn, unique } from "./end-user";
import { expectAccessible, redirectUri, screenshot, userOf } from "./support";

// Each test signs in more than once (an admin to set up, a user to act): slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

const appOrigin = () => new URL(redirectUri()).origin;

test.describe("the consent page", () => {
  test("names where the user returns, offline access, and shows the logos", async ({ browser }, info) => {
    const setup = await Setup.start(browser, info);
    const app = await setup.app(unique("Acme Notes", info), {
      displayName: "Acme Notes",
      logoUrl: `${appOrigin()}/logo.svg`,
    });
    await setup.close();
    const page = await (await browser.newContext()).newPage();
    // offline_access counts only with prompt=consent (OpenID Connect Core 11).
    await page.goto(requestUrl(app, "openid profile offline_access", { prompt: "consent" }));
    await signIn(page, userOf(info));

    await expect(page.getByRole("heading", { name: "Acme Notes wants to access your account" })).toBeVisible();
    await expect(page.getByTestId("return-to")).toHaveText(
      `Whatever you choose, you will be sent back to ${appOrigin()}.`,
    );
    await expect(page.getByText("Stay signed in to Acme Notes while you are away")).toBeVisible();
    await expect(page.getByText("Your profile")).toBeVisible();
    const logo = page.getByRole("img", { name: "Acme Notes logo" });
    await expect(logo).toHaveAttribute("src", `${appOrigin()}/logo.svg`);
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(page.getByRole("button", { name: "Use another account" })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, info, "consent-offline");

    await page.getByRole("button", { name: "Authorize" }).click();
    await expectCode(page);
    await page.context().close();
  });

  test("a logo that fails to load shows the app's initials, not a broken image", async ({ browser }, info) => {
    const setup = await Setup.start(browser, info);
    // The app's host answers this address with a web page, not an image.
    const app = await setup.app(unique("Broken Logo", info), {
      displayName: "Zeta Board",
      logoUrl: `${appOrigin()}/missing-logo.png`,
    });
    await setup.close();
    const page = await (await browser.newContext()).newPage();
    await page.goto(requestUrl(app, "openid email"));
    await signIn(page, userOf(info));
    await expect(page.getByRole("heading", { name: "Zeta Board wants to access your account" })).toBeVisible();

    const logo = page.getByRole("img", { name: "Zeta Board logo" });
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete)).toBe(true);
    expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(0);
    // The initials are drawn over the failed image; its alt text is not drawn at all.
    const drawn = await logo.evaluate((img) => ({
      initials: getComputedStyle(img, "::after").content,
      fontSize: getComputedStyle(img).fontSize,
      width: img.getBoundingClientRect().width,
    }));
    expect(drawn).toEqual({ initials: '"ZB"', fontSize: "0px", width: 56 });
    await expectAccessible(page);
    await screenshot(page, info, "consent-logo-fallback");
    await page.context().close();
  });

  test("Not you? signs in with another account for the same request", async ({ browser }, info) => {
    const setup = await Setup.start(browser, info);
    const app = await setup.app(unique("Switch App", info), { displayName: "Switch App" });
    const other = await setup.user(info, "Sam Lee");
    await setup.close();
    const page = await (await browser.newContext()).newPage();
    await page.goto(requestUrl(app, "openid email"));
    await signIn(page, userOf(info));
    await expect(page.getByText(`Signed in as ${userOf(info).email}`)).toBeVisible();

    await page.getByRole("button", { name: "Use another account" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await signIn(page, other);
    await expect(page.getByRole("heading", { name: "Switch App wants to access your account" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${other.email}`)).toBeVisible();
    await page.getByRole("button", { name: "Authorize" }).click();
    await expectCode(page);
    await page.context().close();
  });

  test("prompt=consent on a remembered consent lists what is asked again", async ({ browser }, info) => {
    const setup = await Setup.start(browser, info);
    const app = await setup.app(unique("Again App", info), { displayName: "Again App" });
    await setup.close();
    const page = await (await browser.newContext()).newPage();
    await page.goto(requestUrl(app, "openid profile email"));
    await signIn(page, userOf(info));
    await page.getByRole("button", { name: "Authorize" }).click();
    await expectCode(page);

    // Remembered: the next request goes straight through; with prompt=consent it asks again.
    await page.goto(requestUrl(app, "openid profile email"));
    await expectCode(page);
    await page.goto(requestUrl(app, "openid profile email", { prompt: "consent" }));
    await expect(
      page.getByText("You authorized Again App before. It asks you to confirm its access again."),
    ).toBeVisible();
    await expect(page.getByText("Your profile")).toBeVisible();
    await expect(page.getByText("Your email address")).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, info, "consent-again");
    await page.getByRole("button", { name: "Authorize" }).click();
    await expectCode(page);
    await page.context().close();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("Not you? works as a plain form post", async ({ browser }, info) => {
      const { app, user: other } = await Setup.appAndUser(browser, info, "Plain Switch");
      const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
      await page.goto(requestUrl(app, "openid email"));
      await signIn(page, userOf(info));
      await page.getByRole("button", { name: "Use another account" }).click();
      await signIn(page, other);
      // Signing in as someone else ends the first session (oidc-provider posts a form to do it,
      // which without a script waits for a button).
      const proceed = page.getByRole("button", { name: "Continue" });
      if (await proceed.isVisible()) await proceed.click();
      await expect(page.getByText(`Signed in as ${other.email}`)).toBeVisible();
      await page.getByRole("button", { name: "Authorize" }).click();
      await expectCode(page);
      await page.context().close();
    });
  });
});

test.describe("in Korean", () => {
  test.use({ locale: "ko-KR" });

  test("the consent page speaks Korean and keeps Korean words whole", async ({ browser }, info) => {
    const setup = await Setup.start(browser, info);
    const app = await setup.app(unique("Acme Notes", info), { displayName: "에이크미 노트" });
    await setup.close();
    const page = await (await browser.newContext({ locale: "ko-KR" })).newPage();
    await page.goto(requestUrl(app, "openid profile email offline_access", { prompt: "consent" }));
    await signIn(page, userOf(info));
    await expect(
      page.getByRole("heading", { name: "에이크미 노트에서 계정에 대한 접근 권한을 요청합니다" }),
    ).toBeVisible();
    await expect(page.getByText("자리를 비운 동안에도 에이크미 노트에 로그인 상태 유지")).toBeVisible();
    await expect(page.getByTestId("return-to")).toHaveText(`어느 쪽을 선택하든 ${appOrigin()}(으)로 돌아갑니다.`);
    await expect(page.getByRole("button", { name: "다른 계정 사용" })).toBeVisible();
    // No initials image is needed to name the app: the fallback has its name.
    await expect(page.getByRole("img", { name: "에이크미 노트 로고" })).toHaveText("에노");
    await expectKoreanWordBreaks(page);
    await expectAccessible(page);
    await screenshot(page, info, "consent-ko");
    await page.context().close();
  });
});
