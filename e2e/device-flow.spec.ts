import { randomBytes } from "node:crypto";
import { type Browser, expect, type Page, type TestInfo, test } from "@playwright/test";
import * as oidc from "openid-client";
import { signIn, unique } from "./end-user";
import { createViaApi, expectAccessible, screenshot, server, signInToConsole } from "./support";

// An admin signs in to set up, then a person signs in and consents while a device polls.
test.describe.configure({ timeout: 120_000 });

/** What each language's pages say, as a person reads them. */
const languages = [
  {
    name: "English",
    locale: "en-US",
    heading: "Connect a device",
    code: "Code",
    continue: "Continue",
    wrongCode: "That code is not right. Check the code on your device and try again.",
    confirmHeading: "Is this your device?",
    authorize: "Authorize",
    success: "Device connected",
  },
  {
    name: "Korean",
    locale: "ko-KR",
    heading: "기기 연결",
    code: "코드",
    continue: "계속",
    wrongCode: "코드가 올바르지 않습니다. 기기에 표시된 코드를 확인하고 다시 입력하세요.",
    confirmHeading: "내 기기가 맞나요?",
    authorize: "허용",
    success: "기기가 연결되었습니다",
  },
] as const;

/** A native app with device sign-in on, and a user who has never used it (so consent shows). */
async function setUp(browser: Browser, info: TestInfo, appName: string) {
  const admin = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signInToConsole(admin, info);
  const { application } = await createViaApi(admin, { type: "native", name: appName, deviceFlow: true });
  const user = {
    email: `tv.${randomBytes(4).toString("hex")}.${info.project.name}@example.com`,
    password: "tv-passphrase",
  };
  const created = await admin.request.post(`${server().url}/api/v1/users`, {
    headers: { origin: server().url },
    data: { ...user, name: "Tae Kim" },
  });
  expect(created.status(), await created.text()).toBe(201);
  await admin.context().close();
  return { clientId: application.clientId, user };
}

/** Types into the focused field with the keyboard and sends the form with Enter. */
async function typeCode(page: Page, code: string) {
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
}

for (const lang of languages) {
  test(`a device signs in with a code typed at /oidc/device (${lang.name})`, async ({ browser }, info) => {
    const appName = unique("Living-room TV", info);
    const { clientId, user } = await setUp(browser, info, appName);

    // The device: openid-client asks for a code, then polls the token endpoint in this process.
    const config = await oidc.discovery(new URL(server().issuer), clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const auth = await oidc.initiateDeviceAuthorization(config, { scope: "openid email" });
    const polled = oidc.pollDeviceAuthorizationGrant(config, auth).then(
      (tokens) => ({ tokens }),
      (error: unknown) => ({ error }),
    );

    // The person, on their phone or computer, with the keyboard.
    const page = await (await browser.newContext({ locale: lang.locale })).newPage();
    await page.goto(auth.verification_uri);
    await expect(page.getByRole("heading", { name: lang.heading })).toBeVisible();
    const field = page.getByRole("textbox", { name: lang.code });
    await expect(field).toBeFocused();

    await typeCode(page, "BCDF-BCDF");
    await expect(field).toHaveAccessibleDescription(new RegExp(lang.wrongCode.replace(/[.]/g, "\\.")));
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toBeFocused();
    await expectAccessible(page);
    await screenshot(page, info, `device-wrong-code-${lang.locale}`);

    await typeCode(page, auth.user_code.toLowerCase());
    await expect(page.getByRole("heading", { name: lang.confirmHeading })).toBeVisible();
    await expect(page.getByText(appName)).toBeVisible();
    await expect(page.getByText(auth.user_code, { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: lang.continue })).toBeFocused();
    await expectAccessible(page);
    await screenshot(page, info, `device-confirm-${lang.locale}`);
    await page.keyboard.press("Enter");

    await signIn(page, user);
    // The consent page names the app the code belongs to.
    await expect(page.getByRole("heading", { name: new RegExp(appName) })).toBeVisible();
    await page.getByRole("button", { name: lang.authorize }).click();

    await expect(page.getByRole("heading", { name: lang.success })).toBeVisible();
    await expect(page.getByRole("status").getByText(appName)).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, info, `device-success-${lang.locale}`);

    const result = await polled;
    if ("error" in result) throw result.error;
    expect(result.tokens.claims()?.email).toBe(user.email);
    await page.context().close();
  });
}

test("an admin turns device sign-in on for a native app on its Tokens tab", async ({ browser }, info) => {
  const admin = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signInToConsole(admin, info);
  const { application } = await createViaApi(admin, { type: "native", name: unique("Terminal", info) });
  await admin.goto(`${server().url}/applications/${application.id}/tokens`);
  const checkbox = admin.getByRole("checkbox", { name: "Allow device sign-in" });
  await expect(checkbox).not.toBeChecked();
  await checkbox.check();
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect
    .poll(
      async () => {
        const response = await admin.request.get(`${server().url}/api/v1/applications/${application.id}`);
        const body = (await response.json()) as { deviceFlow?: boolean; application?: { deviceFlow?: boolean } };
        return (body.application ?? body).deviceFlow;
      },
      { message: "the saved app has device sign-in on", timeout: 15_000 },
    )
    .toBe(true);
  await admin.context().close();
});
