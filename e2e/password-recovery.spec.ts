import { expect, test } from "@playwright/test";
import { authorizationRequest, discoverClient } from "../tests/support/oidc-client";
import { consentAndRedeem } from "./end-user";
import { expectAccessible, mailingServer, server } from "./support";

/** What the person sees and clicks, in each language. */
const words = {
  en: {
    locale: "en-US",
    forgot: "Forgot password?",
    email: "Email",
    send: "Send link",
    sent: "Check your email",
    subject: "Reset your password for Latchkey",
    newPassword: "New password",
    again: "Type it again",
    save: "Save password",
    changed: "Your password is changed. Sign in with the new one.",
    password: "Password",
    signIn: "Sign in",
    authorize: "Authorize",
  },
  ko: {
    locale: "ko-KR",
    forgot: "비밀번호를 잊으셨나요?",
    email: "이메일",
    send: "링크 보내기",
    sent: "이메일을 확인하세요",
    subject: "Latchkey 비밀번호 재설정",
    newPassword: "새 비밀번호",
    again: "새 비밀번호 확인",
    save: "비밀번호 저장",
    changed: "비밀번호가 바뀌었습니다. 새 비밀번호로 로그인하세요.",
    password: "비밀번호",
    signIn: "로그인",
    authorize: "허용",
  },
} as const;

// A Latchkey of this file's own (on the project's database), sending email to a real SMTP server the test reads.
const mailing = mailingServer();

for (const language of ["en", "ko"] as const) {
  test(`a forgotten password: email, a new password, and signed in to the app (${language})`, async ({
    browser,
  }, info) => {
    // Two pages' worth of forms, an email and a consent: more than one page's budget on a busy machine.
    test.setTimeout(120_000);
    const w = words[language];
    const { latchkey: own, smtp: mailbox } = mailing();
    // The third-party app and the person, made for this test alone.
    const redirect = server().redirect;
    const email = `forgetful-${language}-${info.project.name}@example.com`;
    const name = `Wiki ${language} ${info.project.name}`;
    const app = await own.cli(
      ...["apps", "create", "--name", name, "--type", "third-party", "--redirect-uri", redirect, "--json"],
    );
    expect(app.status, app.stderr).toBe(0);
    const { clientId, clientSecret } = JSON.parse(app.stdout) as { clientId: string; clientSecret: string };
    expect((await own.cli("users", "create", "--email", email, "--password", "long forgotten 1")).status).toBe(0);

    const context = await browser.newContext({ locale: w.locale });
    const page = await context.newPage();
    const config = await discoverClient(own.issuer, clientId, clientSecret);
    const request = await authorizationRequest(config, redirect, { state: "recovery" });
    await page.goto(request.url);

    await page.getByRole("link", { name: w.forgot }).click();
    await page.getByLabel(w.email, { exact: true }).fill(email);
    const since = mailbox.received.length;
    await expectAccessible(page);
    await page.getByRole("button", { name: w.send }).click();
    await expect(page.getByRole("heading", { name: w.sent })).toBeVisible();

    const mail = await mailbox.waitForMail(email, since);
    expect(mail.subject).toContain(w.subject);
    await page.goto(mail.link(`${own.url}/password/reset?token=`));
    await page.getByLabel(w.newPassword, { exact: true }).fill("remembered at last 2");
    await page.getByLabel(w.again, { exact: true }).fill("remembered at last 2");
    await expectAccessible(page);
    await page.getByRole("button", { name: w.save }).click();

    // Back on the sign-in the app started, told what happened.
    await expect(page.getByText(w.changed)).toBeVisible();
    await page.getByLabel(w.email, { exact: true }).fill(email);
    await page.getByLabel(w.password, { exact: true }).fill("remembered at last 2");
    await page.getByRole("button", { name: w.signIn, exact: true }).click();
    // The app redeems the code: the person is signed in to it.
    const tokens = await consentAndRedeem(page, w.authorize, {
      config,
      verifier: request.verifier,
      redirect,
      state: "recovery",
    });
    expect(tokens.claims()?.email).toBe(email);
    await context.close();
  });
}
