import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import * as oidc from "openid-client";
import { authorizationRequest, discoverClient } from "../tests/support/oidc-client";
import { freePort } from "../tests/support/ports";
import { startServer, type TestServer } from "../tests/support/server";
import { expectKoreanWordBreaks, Setup, signIn, signOutOfAccount, unique } from "./end-user";
import { expectAccessible, freshThirdPartyApp, screenshot, server } from "./support";

// Several sign-ins, a consent and two axe scans each: slow on a busy machine.
test.describe.configure({ timeout: 180_000 });

// Browsers make passkeys only for a domain name (an IP address is "an invalid domain"), and the
// project's server is on 127.0.0.1: this file runs a second Latchkey on the same database whose
// APP_URL (so RP ID) is http://localhost:<port>. Users and apps made through the project's server
// are there too.
let own: TestServer | undefined;
let ownUrl = "";
test.beforeAll(async () => {
  // A server of its own starts here: on a busy machine that alone can take half a minute.
  test.setTimeout(120_000);
  const port = await freePort();
  ownUrl = `http://localhost:${port}`;
  own = await startServer(server().databaseUrl, { APP_URL: ownUrl }, { port });
});
test.afterAll(async () => {
  await own?.stop();
});

const texts = {
  "en-US": {
    title: "Your account",
    passkeys: "Passkeys",
    name: "Passkey name",
    add: "Add a passkey",
    password: "Current password",
    wrongPassword: "That is not your current password",
    rename: "Rename",
    save: "Save",
    remove: "Remove",
    signOut: "Sign out",
    signedOut: "You signed out.",
    withPasskey: "Sign in with a passkey",
    usePasskey: "Use a passkey",
    secondFactor: "Two-factor authentication",
    authorize: "Authorize",
    none: "No passkeys yet.",
  },
  "ko-KR": {
    title: "내 계정",
    passkeys: "패스키",
    name: "패스키 이름",
    add: "패스키 추가",
    password: "현재 비밀번호",
    wrongPassword: "현재 비밀번호가 맞지 않습니다",
    rename: "이름 변경",
    save: "저장",
    remove: "삭제",
    signOut: "로그아웃",
    signedOut: "로그아웃했습니다.",
    withPasskey: "패스키로 로그인",
    usePasskey: "패스키 사용",
    secondFactor: "2단계 인증",
    authorize: "허용",
    none: "아직 패스키가 없습니다.",
  },
} as const;
type Texts = (typeof texts)[keyof typeof texts];

/**
 * Chromium's virtual authenticator answers the autofill's (conditional) request at once, as if
 * the person picked their passkey from the email field's suggestions. With this cookie set the
 * page's browser says it has no such autofill, so the passkey buttons can be tested (and a
 * password typed) without the autofill signing in first.
 */
const NO_AUTOFILL = "test-no-passkey-autofill";
async function autofill(context: BrowserContext, on: boolean) {
  if (on) return context.clearCookies({ name: NO_AUTOFILL });
  await context.addCookies([{ name: NO_AUTOFILL, value: "1", url: ownUrl }]);
}

/** A browser context with Chromium's virtual authenticator: a platform passkey with user verification. */
async function contextWithAuthenticator(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale });
  await context.addInitScript((cookie) => {
    if (!document.cookie.includes(`${cookie}=1`)) return;
    Object.defineProperty(PublicKeyCredential, "isConditionalMediationAvailable", { value: async () => false });
  }, NO_AUTOFILL);
  await autofill(context, false);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { context, page };
}

/** Signs in to /account with the password; the page's passkeys section. */
async function openAccount(page: Page, user: { email: string; password: string }, t: Texts) {
  await page.goto(`${ownUrl}/account`);
  await signIn(page, user);
  await expect(page.getByRole("heading", { name: t.title })).toBeVisible();
  const section = page.getByRole("region", { name: t.passkeys });
  await expect(section).toBeVisible();
  return section;
}

/** In the passkeys section: names the new passkey, types `password` and asks to add it. */
async function askToAdd(section: Locator, t: Texts, name: string, password: string) {
  await section.getByLabel(t.name, { exact: true }).fill(name);
  await section.getByLabel(t.password, { exact: true }).fill(password);
  await section.getByRole("button", { name: t.add }).click();
}

/** Signs in to /account with the password and adds a passkey named `name` there (with the password). */
async function addPasskey(page: Page, user: { email: string; password: string }, t: Texts, name: string) {
  const section = await openAccount(page, user, t);
  await expect(section.getByText(t.none)).toBeVisible();
  await askToAdd(section, t, name, user.password);
  await expect(page.getByTestId("passkey").filter({ hasText: name })).toBeVisible();
}

/** An app (openid-client) starts a sign-in; returns what redeeming its code needs. */
async function startAppSignIn(
  page: Page,
  app: { clientId: string; clientSecret?: string },
  params: Record<string, string> = {},
) {
  const config = await discoverClient(`${ownUrl}/oidc`, app.clientId, app.clientSecret);
  const request = await authorizationRequest(config, server().redirect, { state: "passkey", ...params });
  await page.goto(request.url);
  return { config, request };
}

/** Consents (unless it was given before), and the app redeems its code: the ID token's claims. */
async function consentAndRedeem(
  page: Page,
  t: Texts,
  started: Awaited<ReturnType<typeof startAppSignIn>>,
  consent = true,
) {
  if (consent) await page.getByRole("button", { name: t.authorize }).click();
  await page.waitForURL((url) => url.href.startsWith(server().redirect));
  const tokens = await oidc.authorizationCodeGrant(started.config, new URL(page.url()), {
    pkceCodeVerifier: started.request.verifier,
    expectedState: "passkey",
  });
  return tokens.claims() as oidc.IDToken & { amr?: string[] };
}

const passkeyAmr = (amr: string[] | undefined) => (amr ?? []).filter((value) => value === "hwk" || value === "swk");

for (const locale of ["en-US", "ko-KR"] as const) {
  test(`add a passkey, then sign in to an app with it and no password (${locale})`, async ({ browser }, info) => {
    const t = texts[locale];
    const setup = await Setup.start(browser, info);
    const user = await setup.user(info);
    await setup.close();
    const app = await freshThirdPartyApp(unique("Passkey wiki", info));
    const { context, page } = await contextWithAuthenticator(browser, locale);

    // A wrong password: said beside the field, which takes focus (read with its error); nothing is added.
    const section = await openAccount(page, user, t);
    await askToAdd(section, t, "Test laptop", "not the password");
    const password = section.getByLabel(t.password, { exact: true });
    await expect(section.getByText(t.wrongPassword)).toBeVisible();
    await expect(password).toBeFocused();
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(section.getByText(t.none)).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, info, `passkeys-wrong-password-${locale}`);
    await askToAdd(section, t, "Test laptop", user.password);
    await expect(page.getByTestId("passkey").filter({ hasText: "Test laptop" })).toBeVisible();
    await expect(password, "the password is not kept once checked").toHaveValue("");
    if (locale === "ko-KR") await expectKoreanWordBreaks(page);
    await expectAccessible(page);
    await screenshot(page, info, `passkeys-account-${locale}`);
    // Renamed in place.
    await page
      .getByTestId("passkey")
      .filter({ hasText: "Test laptop" })
      .getByRole("button", { name: t.rename })
      .click();
    // While renamed, the row holds its name in a field (which text filters do not see).
    const renaming = page.getByTestId("passkey").filter({ has: page.getByLabel(t.name, { exact: true }) });
    await renaming.getByLabel(t.name, { exact: true }).fill("Work laptop");
    await renaming.getByRole("button", { name: t.save, exact: true }).click();
    await expect(page.getByTestId("passkey").filter({ hasText: "Work laptop" })).toBeVisible();

    await signOutOfAccount(page, t);
    const started = await startAppSignIn(page, app);
    const button = page.getByRole("button", { name: t.withPasskey });
    await expect(button, "the page's script shows the passkey button").toBeVisible();
    await expect(page.locator('input[type="email"]')).toHaveAttribute("autocomplete", "username webauthn");
    await expectAccessible(page);
    await screenshot(page, info, `passkeys-sign-in-${locale}`);
    await button.click();
    const claims = await consentAndRedeem(page, t, started);
    expect(claims.email).toBe(user.email);
    expect(passkeyAmr(claims.amr), `amr ${JSON.stringify(claims.amr)}`).toHaveLength(1);
    expect(claims.amr).toContain("mfa");
    expect(claims.amr).not.toContain("pwd");

    // Where the browser offers passkeys in the email field's autofill, picking it signs in: the
    // virtual authenticator picks at once, so the sign-in page goes on by itself (prompt=login
    // shows it again to the signed-in user; the app was authorized above).
    await autofill(context, true);
    const again = await startAppSignIn(page, app, { prompt: "login" });
    const byAutofill = await consentAndRedeem(page, t, again, false);
    expect(passkeyAmr(byAutofill.amr), `amr ${JSON.stringify(byAutofill.amr)}`).toHaveLength(1);
    expect(byAutofill.sub).toBe(claims.sub);

    // Removed after a confirmation with the password (a wrong one is said in the dialog); the
    // list then says there are none.
    await page.goto(`${ownUrl}/account`);
    await page.getByRole("button", { name: t.remove }).click();
    const dialog = page.getByRole("dialog");
    const confirmPassword = dialog.getByLabel(t.password, { exact: true });
    await expect(confirmPassword, "the dialog opens on its password field").toBeFocused();
    await confirmPassword.fill("not the password");
    await dialog.getByRole("button", { name: t.remove }).click();
    await expect(dialog.getByText(t.wrongPassword)).toBeVisible();
    await expect(confirmPassword).toBeFocused();
    await expectAccessible(page);
    await screenshot(page, info, `passkeys-remove-${locale}`);
    await confirmPassword.fill(user.password);
    await dialog.getByRole("button", { name: t.remove }).click();
    await expect(page.getByText(t.none)).toBeVisible();
    await context.close();
  });

  test(`a password, then a passkey as the second factor (${locale})`, async ({ browser }, info) => {
    const t = texts[locale];
    const setup = await Setup.start(browser, info);
    const user = await setup.user(info);
    await setup.close();
    const app = await freshThirdPartyApp(unique("Passkey portal", info));
    const { context, page } = await contextWithAuthenticator(browser, locale);
    await addPasskey(page, user, t, "Phone");
    await signOutOfAccount(page, t);

    const started = await startAppSignIn(page, app);
    await signIn(page, user);
    await expect(page.getByRole("heading", { name: t.secondFactor })).toBeVisible();
    const button = page.getByRole("button", { name: t.usePasskey });
    await expect(button).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, info, `passkeys-second-factor-${locale}`);
    await button.click();
    const claims = await consentAndRedeem(page, t, started);
    expect(claims.email).toBe(user.email);
    expect(claims.amr).toEqual(expect.arrayContaining(["pwd", "mfa"]));
    expect(passkeyAmr(claims.amr), `amr ${JSON.stringify(claims.amr)}`).toHaveLength(1);
    await context.close();
  });
}
