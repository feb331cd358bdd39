import { expect, test } from "@playwright/test";
import { authorizationRequest, discoverClient } from "../tests/support/oidc-client";
import { consentAndRedeem, expectKoreanWordBreaks } from "./end-user";
import { expectAccessible, mailingServer, screenshot, server } from "./support";

// A sign-up, an email, a sign-in and a consent: slow on a busy machine.
test.describe.configure({ timeout: 180_000 });

/** What the person sees and clicks, in each language. */
const words = {
  "en-US": {
    createAccount: "Create account",
    finish: "Create my account",
    email: "Email",
    name: "Name",
    password: "Password",
    again: "Type it again",
    sent: "Check your email",
    subject: "Finish creating your account",
    registered: "Your account is ready and your address is confirmed.",
    signIn: "Sign in",
    authorize: "Authorize",
  },
  "ko-KR": {
    createAccount: "계정 만들기",
    finish: "계정 만들기",
    email: "이메일",
    name: "이름",
    password: "비밀번호",
    again: "비밀번호 확인",
    sent: "이메일을 확인하세요",
    subject: "계정 만들기를 마치세요",
    registered: "계정이 준비되었고 주소가 확인되었습니다.",
    signIn: "로그인",
    authorize: "허용",
  },
} as const;

// A Latchkey of this file's own (email to a real SMTP server the test reads), self-registration on.
const mailing = mailingServer();
test.beforeAll(async () => {
  const { latchkey } = mailing();
  // Switched on as an operator's script would: a management token from an m2m app.
  const m2m = await latchkey.cli(
    "apps",
    "create",
    "--name",
    "Setup",
    "--type",
    "m2m",
    "--scope",
    "management",
    "--json",
  );
  expect(m2m.status, m2m.stderr).toBe(0);
  const { clientId, clientSecret } = JSON.parse(m2m.stdout) as { clientId: string; clientSecret: string };
  const token = await fetch(`${latchkey.issuer}/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      resource: `${latchkey.url}/api`,
      scope: "management",
    }),
  });
  expect(token.status, "a management token").toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  const switched = await fetch(`${latchkey.url}/api/v1/settings/self-registration`, {
    method: "PUT",
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ enabled: true }),
  });
  expect(switched.status, await switched.text()).toBe(200);
});

for (const locale of ["en-US", "ko-KR"] as const) {
  test(`create an account from the sign-in page, confirm it by email, and land signed in to the app (${locale})`, async ({
    browser,
  }, info) => {
    const w = words[locale];
    const { latchkey: own, smtp: mailbox } = mailing();
    const suffix = `${locale}-${info.project.name}`.toLowerCase();
    const email = `newcomer-${suffix}@example.com`;
    const password = "a place of my own 1";
    const redirect = server().redirect;
    const created = await own.cli(
      ...["apps", "create", "--name", `Wiki ${suffix}`, "--type", "third-party", "--redirect-uri", redirect, "--json"],
    );
    expect(created.status, created.stderr).toBe(0);
    const { clientId, clientSecret } = JSON.parse(created.stdout) as { clientId: string; clientSecret: string };

    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const config = await discoverClient(own.issuer, clientId, clientSecret);
    const request = await authorizationRequest(config, redirect, { state: "joined" });
    await page.goto(request.url);
    await page.getByRole("link", { name: w.createAccount }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (locale === "ko-KR") await expectKoreanWordBreaks(page);
    await page.getByLabel(w.email, { exact: true }).fill(email);
    await page.getByLabel(w.name, { exact: true }).fill("Nia Newcomer");
    await page.getByLabel(w.password, { exact: true }).fill(password);
    await page.getByLabel(w.again, { exact: true }).fill(`${password}x`);
    await page.getByRole("button", { name: w.createAccount }).click();
    // Typed twice but not the same: said by the field, the rest kept.
    await expect(page.locator('input[name="confirmPassword"][aria-invalid="true"]')).toBeVisible();
    await expect(page.getByLabel(w.email, { exact: true })).toHaveValue(email);
    await expectAccessible(page);
    await screenshot(page, info, `register-${locale}`);

    await page.getByLabel(w.password, { exact: true }).fill(password);
    await page.getByLabel(w.again, { exact: true }).fill(password);
    const since = mailbox.received.length;
    await page.getByRole("button", { name: w.createAccount }).click();
    await expect(page.getByRole("heading", { name: w.sent })).toBeVisible();
    await expectAccessible(page);

    const mail = await mailbox.waitForMail(email, since);
    expect(mail.subject).toContain(w.subject);
    // The link asks for the password chosen at sign-up before it makes the account.
    await page.goto(mail.link(`${own.url}/register/verify?token=`));
    await page.getByLabel(w.password, { exact: true }).fill(password);
    await expectAccessible(page);
    await page.getByRole("button", { name: w.finish, exact: true }).click();

    // Back on the sign-in the app started, told the account is ready.
    await expect(page.getByText(w.registered)).toBeVisible();
    await page.getByLabel(w.email, { exact: true }).fill(email);
    await page.getByLabel(w.password, { exact: true }).fill(password);
    await page.getByRole("button", { name: w.signIn, exact: true }).click();
    const tokens = await consentAndRedeem(page, w.authorize, {
      config,
      verifier: request.verifier,
      redirect,
      state: "joined",
    });
    expect(tokens.claims()?.email).toBe(email);
    expect(tokens.claims()?.email_verified).toBe(true);
    await context.close();
  });
}
