import { expect, test } from "@playwright/test";
import { authorizationRequest, discoverClient } from "../tests/support/oidc-client";
import { consentAndRedeem, expectKoreanWordBreaks, signIn } from "./end-user";
import { expectAccessible, mailingServer, screenshot, server } from "./support";

// Two sign-ins, two forms, two emails and a consent: slow on a busy machine.
test.describe.configure({ timeout: 180_000 });

/** What the person sees, in each language. */
const words = {
  "en-US": {
    title: "Your account",
    newEmail: "New email address",
    currentPassword: "Current password",
    send: "Send confirmation link",
    wrongPassword: "That is not your current password",
    pending: "A link was sent to",
    noticeSubject: "A change of your email address was asked for",
    linkSubject: "Confirm your new email address",
    changed: "Email address changed",
    useAddress: "Use this address",
    authorize: "Authorize",
  },
  "ko-KR": {
    title: "내 계정",
    newEmail: "새 이메일 주소",
    currentPassword: "현재 비밀번호",
    send: "확인 링크 보내기",
    wrongPassword: "현재 비밀번호가 맞지 않습니다",
    pending: "링크를 보냈습니다",
    noticeSubject: "이메일 주소 변경 요청",
    linkSubject: "새 이메일 주소 확인",
    changed: "이메일 주소가 변경되었습니다",
    useAddress: "이 주소 사용",
    authorize: "허용",
  },
} as const;

// A Latchkey of this file's own (on the project's database), sending email to a real SMTP server the test reads.
const mailing = mailingServer();

for (const locale of ["en-US", "ko-KR"] as const) {
  test(`change the email address at /account, confirm it by the link, then sign in to an app with it (${locale})`, async ({
    browser,
  }, info) => {
    const w = words[locale];
    const { latchkey: own, smtp: mailbox } = mailing();
    const suffix = `${locale}-${info.project.name}`.toLowerCase();
    const user = { email: `mover-${suffix}@example.com`, password: "moving house 1" };
    const next = `moved-${suffix}@example.com`;
    const redirect = server().redirect;
    const made = await own.cli(
      "users",
      "create",
      "--email",
      user.email,
      "--password",
      user.password,
      "--name",
      "Sam Lee",
    );
    expect(made.status, made.stderr).toBe(0);
    const created = await own.cli(
      ...["apps", "create", "--name", `Wiki ${suffix}`, "--type", "third-party", "--redirect-uri", redirect, "--json"],
    );
    expect(created.status, created.stderr).toBe(0);
    const { clientId, clientSecret } = JSON.parse(created.stdout) as { clientId: string; clientSecret: string };

    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(`${own.url}/account`);
    await signIn(page, user);
    await expect(page.getByRole("heading", { name: w.title, level: 1 })).toBeVisible();
    if (locale === "ko-KR") await expectKoreanWordBreaks(page);
    await expectAccessible(page);
    await screenshot(page, info, `account-edits-${locale}`);

    // A wrong current password: said by the field, nothing sent.
    const form = page.locator('form[action="/api/account/email"]');
    await form.getByLabel(w.newEmail, { exact: true }).fill(next);
    await form.getByLabel(w.currentPassword, { exact: true }).fill("not it at all");
    const before = mailbox.received.length;
    await form.getByRole("button", { name: w.send }).click();
    await page.waitForURL(/form=email/);
    const password = page.locator('form[action="/api/account/email"] input[name="currentPassword"]');
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(w.wrongPassword)).toBeVisible();
    await expectAccessible(page);

    // The right one: a link to the new address, a notice to the old, and the change waits.
    await form.getByLabel(w.currentPassword, { exact: true }).fill(user.password);
    await form.getByRole("button", { name: w.send }).click();
    await page.waitForURL(/done=email/);
    await expect(page.getByTestId("email-pending")).toContainText(next);
    await expect(page.getByTestId("email-pending")).toContainText(w.pending);
    const notice = await mailbox.waitForMail(user.email, before);
    expect(notice.subject).toContain(w.noticeSubject);
    expect(notice.text).toContain(next);
    const linkMail = await mailbox.waitForMail(next, before);
    expect(linkMail.subject).toContain(w.linkSubject);
    // One link only: the refused try sent nothing.
    expect(mailbox.received.slice(before).filter((mail) => mail.to.includes(next))).toHaveLength(1);

    // The link asks first (a mail scanner opening it changes nothing); the button changes the address.
    await page.goto(linkMail.link(`${own.url}/email/change?token=`));
    await expectAccessible(page);
    await page.getByRole("button", { name: w.useAddress }).click();
    await expect(page.getByRole("heading", { name: w.changed })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, info, `email-changed-${locale}`);
    await context.close();

    // An app the person signs in to now knows the new, confirmed address.
    const appContext = await browser.newContext({ locale });
    const appPage = await appContext.newPage();
    const config = await discoverClient(own.issuer, clientId, clientSecret);
    const request = await authorizationRequest(config, redirect, { state: "moved" });
    await appPage.goto(request.url);
    await signIn(appPage, { email: next, password: user.password });
    const tokens = await consentAndRedeem(appPage, w.authorize, {
      config,
      verifier: request.verifier,
      redirect,
      state: "moved",
    });
    expect(tokens.claims()?.email).toBe(next);
    expect(tokens.claims()?.email_verified).toBe(true);
    await appContext.close();
  });
}
