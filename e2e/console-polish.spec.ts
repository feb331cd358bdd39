import { readFileSync } from "node:fs";
import { expect, type Page, type TestInfo, test } from "@playwright/test";
import type { Messages } from "../lib/i18n/messages";
import {
  authorizationUrl,
  createViaApi,
  expectAccessible,
  freshServer,
  redirectUri,
  screenshot,
  server,
  signInOnProvider,
  signInToConsole,
  userOf,
} from "./support";

/**
 * The console's polish (issue 13): each check runs at both sizes (the desktop and phone projects)
 * and in both languages, reading every label from the catalogs, and saves a screenshot of what it
 * checked under test-results/screenshots/ (and the kept ones under docs/screenshots/, see
 * e2e/screenshots.ts).
 */
// Each test walks several pages and runs axe on each, which is slow on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

const languages = ["en", "ko"] as const;
type Lang = (typeof languages)[number];

// Read as files: Playwright's loader does not import JSON modules.
const namespaces = ["common", "account", "console", "keys", "validation"] as const;
const catalogs = Object.fromEntries(
  languages.map((lang) => [
    lang,
    Object.fromEntries(
      namespaces.map((ns) => [ns, JSON.parse(readFileSync(`lib/i18n/messages/${lang}/${ns}.json`, "utf8"))]),
    ),
  ]),
) as Record<Lang, Messages>;

/** A catalog message with its {placeholders} filled in (the plain ones these tests use). */
const fill = (message: string, values: Record<string, string | number>) =>
  message.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

/** Signs in (the provider's page is in English by default), then switches the console's language. */
async function openConsole(page: Page, info: TestInfo, lang: Lang, path = "/applications") {
  await signInToConsole(page, info);
  await page.context().addCookies([{ name: "latchkey_locale", value: lang, url: server().url }]);
  await page.goto(`${server().url}${path}`);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  return catalogs[lang].console;
}

/** Fails the test if the page opens a native alert, confirm or prompt (beforeunload is allowed). */
function refuseNativeDialogs(page: Page) {
  const seen: string[] = [];
  page.on("dialog", (dialog) => {
    if (dialog.type() === "beforeunload") return;
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return seen;
}

for (const lang of languages) {
  test.describe(`in ${lang}`, () => {
    test(`item 1: the new secret is shown in a dialog that guards leaving (${lang})`, async ({ page }, info) => {
      const c = await openConsole(page, info, lang);
      const name = `Secret dialog ${lang} ${info.project.name}`;
      await page.getByRole("button", { name: c.create.button }).first().click();
      const wizard = page.getByRole("dialog", { name: c.create.title });
      await wizard.getByLabel(c.types.traditional).check();
      await wizard.getByRole("button", { name: c.create.next }).click();
      await wizard.getByLabel(c.create.name, { exact: true }).fill(name);
      await wizard.getByLabel(c.create.redirectUri).fill("https://portal.example.com/callback");
      await wizard.getByRole("button", { name: c.create.submit }).click();
      await page.waitForURL(/\/applications\/[a-z0-9]+$/);

      const dialog = page.getByRole("dialog", { name: fill(c.credentials.createdTitle, { name }) });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId("new-client-secret")).toHaveText(/^[A-Za-z0-9_-]{43}$/);
      const clientId = await page.getByTestId("header-client-id").textContent();
      await expect(dialog.getByTestId("new-client-id")).toHaveText(clientId ?? "missing");
      await expect(
        dialog.getByRole("button", {
          name: `${catalogs[lang].common.copy.copyValue.replace("{label}", c.credentials.clientSecret)}`,
        }),
      ).toBeVisible();
      // All of it inside the window, and no "created" toast over it.
      const box = await dialog.boundingBox();
      const viewport = page.viewportSize();
      expect(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
      await expect(page.getByText(fill(c.create.created, { name }))).toHaveCount(0);
      await screenshot(page, info, `polish-secret-dialog-${lang}`);
      await expectAccessible(page);

      // Escape does not lose it: the dialog stays and says why.
      await page.keyboard.press("Escape");
      await expect(dialog).toBeVisible();
      await expect(dialog.getByText(c.credentials.savedFirst)).toBeVisible();
      await expect(dialog.getByRole("button", { name: c.credentials.savedDone })).toBeDisabled();
      // Leaving the page asks first (the browser's own question); staying keeps the secret.
      const asked = new Promise<string>((resolve) =>
        page.once("dialog", (question) => {
          resolve(question.type());
          void question.dismiss();
        }),
      );
      await page.evaluate(() => {
        window.location.href = "/users";
      });
      expect(await asked).toBe("beforeunload");
      await expect(dialog.getByTestId("new-client-secret")).toBeVisible();

      await dialog.getByRole("checkbox", { name: c.credentials.savedCheck }).check();
      await dialog.getByRole("button", { name: c.credentials.savedDone }).click();
      await expect(dialog).toHaveCount(0);
      // The secret is listed by its translated default name, and gone for good after a reload.
      await page.reload();
      await expect(page.getByTestId("new-client-secret")).toHaveCount(0);
      await expect(page.getByText(c.credentials.defaultSecret, { exact: false }).first()).toBeVisible();
    });

    test(`item 2: wizard step 2 opens without an error, by mouse and by Enter (${lang})`, async ({ page }, info) => {
      const c = await openConsole(page, info, lang);
      const v = catalogs[lang].validation;
      await page.getByRole("button", { name: c.create.button }).first().click();
      const wizard = page.getByRole("dialog", { name: c.create.title });
      const nameField = wizard.getByLabel(c.create.name, { exact: true });
      const expectCleanStep2 = async () => {
        await expect(nameField).toBeFocused();
        await expect(nameField).not.toHaveAttribute("aria-invalid", "true");
        await expect(wizard.getByText(v.nameRequired)).toHaveCount(0);
      };
      // By mouse (or finger).
      await wizard.getByLabel(c.types.spa).check();
      await wizard.getByRole("button", { name: c.create.next }).click();
      await expectCleanStep2();
      await screenshot(page, info, `polish-wizard-step2-${lang}`);
      // By Enter on the chosen type.
      await wizard.getByRole("button", { name: c.create.back }).click();
      await wizard.getByLabel(c.types.spa).focus();
      await page.keyboard.press("Enter");
      await expectCleanStep2();
      // By Enter on the Next button.
      await wizard.getByRole("button", { name: c.create.back }).click();
      await wizard.getByRole("button", { name: c.create.next }).focus();
      await page.keyboard.press("Enter");
      await expectCleanStep2();
      // The check itself still works once the admin asks to create.
      await wizard.getByRole("button", { name: c.create.submit }).click();
      await expect(nameField).toHaveAttribute("aria-invalid", "true");
      await expect(wizard.getByText(v.nameRequired)).toBeVisible();
    });

    test(`item 3: the API page has no raw key and speaks the page's language (${lang})`, async ({ page }, info) => {
      const c = await openConsole(page, info, lang, "/api-docs");
      await expect(page.getByRole("heading", { level: 1, name: c.apiDocs.title })).toBeVisible();
      await expect(page.locator("main")).not.toContainText("console.apiDocs");
      await expect(page.locator("main")).toContainText(
        `Authorization: Bearer ${c.apiDocs.tokenPlaceholder.replaceAll("'", "")}`,
      );
      await expect(page.getByText(c.apiDocs.intro)).toBeVisible();
      for (const heading of Object.values(c.apiDocs.tags)) {
        await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
      }
      await expect(page.getByText(c.apiDocs.ops.revokeUserGrant, { exact: true })).toBeVisible();
      if (lang === "ko") await expect(page.locator("main")).not.toContainText("Read an application");
      await screenshot(page, info, `polish-api-docs-${lang}`);
      await expectAccessible(page);
    });

    test(`item 5 and Connect: a third-party app without a redirect URI says so until one is added (${lang})`, async ({
      page,
    }, info) => {
      const c = await openConsole(page, info, lang);
      const name = `No redirect ${lang} ${info.project.name}`;
      const { application } = await createViaApi(page, { type: "third-party", name });
      const appUrl = `${server().url}/applications/${application.id}`;
      await page.goto(appUrl);
      await expect(page.getByTestId("no-redirect-warning")).toBeVisible();
      await expect(page.getByTestId("no-redirect-warning")).toContainText(
        c.detail.tabs.noRedirect.replace(/<link>.*<\/link>.*$/, "").trim(),
      );
      await screenshot(page, info, `polish-no-redirect-detail-${lang}`);
      await page.goto(`${server().url}/applications?tab=third-party&q=${encodeURIComponent(name)}`);
      const row = page.getByRole("row").filter({ hasText: name });
      await expect(row.getByText(c.applications.noRedirect)).toBeVisible();
      await screenshot(page, info, `polish-no-redirect-list-${lang}`);
      await expectAccessible(page);

      // Connect a service opens on Generic; the Apache snippet is URL-shaped before an address is typed.
      await page.goto(`${appUrl}/connect`);
      const services = page.getByRole("group", { name: c.connect.chooseService });
      await expect(services.getByRole("radio", { name: "Generic OpenID Connect" })).toBeChecked();
      await services.getByText("Apache (mod_auth_openidc)").click();
      const snippet = page.getByTestId("guide-snippet");
      await expect(snippet).toContainText("OIDCRedirectURI https://service.example.com/redirect_uri");
      await expect(snippet).toContainText(`# ${c.connect.comments.unusedPath}`);
      await expect(snippet).toContainText(/OIDCCryptoPassphrase [A-Za-z0-9]{32}\n/);
      const passphrase = async () => /OIDCCryptoPassphrase (\S+)/.exec((await snippet.textContent()) ?? "")?.[1];
      const first = await passphrase();
      await page
        .getByLabel(fill(c.connect.serviceUrl, { service: "Apache (mod_auth_openidc)" }))
        .fill(`https://wiki-${lang}.example.com`);
      await page.getByRole("button", { name: c.connect.addRedirect }).click();
      await expect(page.getByText(c.connect.redirectRegistered)).toBeVisible();
      // Saving refreshed the page's data; the passphrase the admin may have copied stays the same.
      expect(await passphrase()).toBe(first);
      await expect(page.getByTestId("no-redirect-warning")).toHaveCount(0);
      await screenshot(page, info, `polish-connect-${lang}`);
      await expectAccessible(page);
    });

    test(`item 7: phone navigation is one menu button; the app's tabs scroll with a cue (${lang})`, async ({
      page,
    }, info) => {
      const c = await openConsole(page, info, lang);
      const phone = info.project.name === "phone";
      const nav = page.getByRole("navigation", { name: c.nav.label });
      const users = nav.getByRole("link", { name: c.nav.users });
      const menu = nav.getByRole("button", { name: new RegExp(c.nav.menu) });
      if (phone) {
        await expect(menu).toBeVisible();
        await expect(users).toBeHidden();
        await menu.click();
        await expect(menu).toHaveAttribute("aria-expanded", "true");
        for (const link of await nav.getByRole("link").all()) {
          // One line each: no label wraps.
          expect((await link.boundingBox())?.height ?? 99).toBeLessThan(44);
        }
        await screenshot(page, info, `polish-phone-menu-${lang}`);
        await expectAccessible(page);
        await users.click();
        await page.waitForURL(/\/users$/);
        await expect(users).toBeHidden();
      } else {
        await expect(menu).toBeHidden();
        const tops = await Promise.all(
          (await nav.getByRole("link").all()).map(async (l) => (await l.boundingBox())?.y),
        );
        expect(new Set(tops).size).toBe(1);
      }

      const { application } = await createViaApi(page, {
        type: "third-party",
        name: `Tabs ${lang} ${info.project.name}`,
        redirectUris: ["https://tabs.example.com/cb"],
      });
      await page.goto(`${server().url}/applications/${application.id}`);
      const strip = page.getByTestId("tab-strip");
      const overflows = await strip.evaluate((el) => el.scrollWidth > el.clientWidth);
      // The English tabs are wider than a phone (the Korean ones fit); a desktop has room for both.
      expect(overflows).toBe(phone && lang === "en");
      if (overflows) {
        await expect(page.getByTestId("tab-scroll-cue-after")).toBeVisible();
        await screenshot(page, info, `polish-phone-tabs-${lang}`);
        await strip.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
        await expect(page.getByTestId("tab-scroll-cue-after")).toHaveCount(0);
        await expect(page.getByTestId("tab-scroll-cue-before")).toBeVisible();
        await expect(page.getByRole("link", { name: c.detail.tabs.tokens })).toBeInViewport();
      } else {
        await expect(page.getByTestId("tab-scroll-cue-after")).toHaveCount(0);
        await expect(page.getByRole("link", { name: c.detail.tabs.tokens })).toBeInViewport();
      }
    });

    test(`item 9: styled dialogs, first field focused, focus returned (${lang})`, async ({ page }, info) => {
      const natives = refuseNativeDialogs(page);
      const c = await openConsole(page, info, lang);
      const { application } = await createViaApi(page, {
        type: "traditional",
        name: `Dialogs ${lang} ${info.project.name}`,
        redirectUris: ["https://dialogs.example.com/cb"],
      });
      await page.goto(`${server().url}/applications/${application.id}`);

      // Add secret: opens on Name; Escape closes it and focus goes back to the button.
      const add = page.getByRole("button", { name: c.credentials.add });
      await add.click();
      const addDialog = page.getByRole("dialog", { name: c.credentials.addTitle });
      await expect(addDialog.getByLabel(c.credentials.secretName)).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(addDialog).toHaveCount(0);
      await expect(add).toBeFocused();

      // Deleting a secret asks in a styled dialog that starts on Cancel; cancelling returns focus.
      const secretName = catalogs[lang].console.credentials.defaultSecret;
      const trash = page.getByRole("button", { name: fill(c.credentials.delete, { name: secretName }) });
      await trash.click();
      const confirm = page.getByRole("dialog", { name: fill(c.credentials.delete, { name: secretName }) });
      await expect(confirm.getByRole("button", { name: c.credentials.cancel })).toBeFocused();
      await screenshot(page, info, `polish-confirm-${lang}`);
      await expectAccessible(page);
      await confirm.getByRole("button", { name: c.credentials.cancel }).click();
      await expect(trash).toBeFocused();

      // Unsaved changes: a styled question before following a link; Stay keeps the edit.
      const nameField = page.getByLabel(c.settings.name, { exact: true });
      await nameField.fill(`Renamed ${lang}`);
      const nav = page.getByRole("navigation", { name: c.nav.label });
      if (info.project.name === "phone") await nav.getByRole("button", { name: new RegExp(c.nav.menu) }).click();
      await nav.getByRole("link", { name: c.nav.audit }).click();
      const leave = page.getByRole("dialog", { name: c.common.unsaved.title });
      await expect(leave).toBeVisible();
      await leave.getByRole("button", { name: c.common.unsaved.stay }).click();
      await expect(leave).toHaveCount(0);
      await expect(nameField).toHaveValue(`Renamed ${lang}`);
      await expect(page).toHaveURL(new RegExp(`/applications/${application.id}$`));
      await nav.getByRole("link", { name: c.nav.audit }).click();
      await page
        .getByRole("dialog", { name: c.common.unsaved.title })
        .getByRole("button", { name: c.common.unsaved.leave })
        .click();
      await page.waitForURL(/\/audit$/);
      expect(natives).toEqual([]);
    });

    test(`every card says what it is and links to its README section (${lang})`, async ({ page }, info) => {
      const c = await openConsole(page, info, lang);
      const { application } = await createViaApi(page, {
        type: "third-party",
        name: `Help ${lang} ${info.project.name}`,
        redirectUris: ["https://help.example.com/cb"],
      });
      for (const tab of ["", "/connect", "/permissions", "/branding", "/tokens"]) {
        await page.goto(`${server().url}/applications/${application.id}${tab}`);
        const cards = page.locator("main section:has(> div > div > h2)");
        // count() does not wait: let the tab's first card arrive before counting them.
        await expect(cards.first(), `the ${tab || "settings"} tab shows its cards`).toBeVisible();
        const count = await cards.count();
        for (let i = 0; i < count; i++) {
          await expect(cards.nth(i).getByRole("link", { name: new RegExp(c.help.learnMore) })).toHaveAttribute(
            "href",
            /^\/docs#[a-z-]+$/,
          );
        }
      }
      await page.goto(`${server().url}/applications/${application.id}`);
      await page
        .getByRole("link", { name: `${c.help.learnMore} ${fill(c.help.about, { topic: c.help.names.credentials })}` })
        .click();
      await page.waitForURL(/\/docs#credentials$/);
      await expect(page.getByRole("heading", { level: 3, name: "Credentials" })).toBeInViewport();
      await screenshot(page, info, `polish-docs-${lang}`);
      await expectAccessible(page);
    });

    test(`item 10: consent shows who, the app's users are links, a missing app is a 404 (${lang})`, async ({
      page,
      browser,
    }, info) => {
      const c = await openConsole(page, info, lang);
      const name = `Consented ${lang} ${info.project.name}`;
      const { application } = await createViaApi(page, {
        type: "third-party",
        name,
        redirectUris: [redirectUri()],
      });
      // The end user signs in to the app and consents, in a browser of their own.
      const context = await browser.newContext();
      const user = await context.newPage();
      await user.goto(authorizationUrl({ clientId: application.clientId }));
      await signInOnProvider(user, userOf(info));
      await user.getByRole("button", { name: "Authorize" }).click();
      await user.waitForURL(`${redirectUri()}**`);
      await context.close();

      const person = new RegExp(`Lin Wei \\(${userOf(info).email.replace(".", "\\.")}\\)`);
      await page.goto(`${server().url}/audit?type=consent.granted&applicationId=${application.id}`);
      const event = page.getByTestId("audit-event").first();
      await expect(event).toContainText(person);
      await screenshot(page, info, `polish-audit-consent-${lang}`);

      await page.goto(`${server().url}/applications/${application.id}/permissions`);
      const oneUser = /one \{(.*?)\}/.exec(c.permissions.grants)?.[1].replace("#", "1");
      await expect(page.getByTestId("granted-users")).toHaveText(oneUser ?? "missing");
      const who = page.getByRole("link", { name: person });
      await expect(who).toBeVisible();
      await screenshot(page, info, `polish-permissions-${lang}`);
      // Grey scope codes on selected rows are readable (axe checks contrast among the rest).
      await expectAccessible(page);
      await who.click();
      await expect(page.getByRole("heading", { level: 1, name: "Lin Wei" })).toBeVisible();

      // A missing app is a 404, with the console's own page.
      const missing = await page.request.get(`${server().url}/applications/no-such-app`);
      expect(missing.status()).toBe(404);
      await page.goto(`${server().url}/applications/no-such-app`);
      await expect(page.getByRole("heading", { name: c.states.notFoundTitle })).toBeVisible();
    });

    test(`item 10: the user page, outlined delete, readable audit diffs on phones (${lang})`, async ({
      page,
    }, info) => {
      const c = await openConsole(page, info, lang);
      const list = await page.request.get(
        `${server().url}/api/v1/users?search=${encodeURIComponent(userOf(info).email)}`,
      );
      const [user] = (await list.json()).items as { id: string }[];
      await page.goto(`${server().url}/users/${user.id}`);
      const remove = page.getByRole("button", { name: c.users.delete, exact: true });
      await expect(remove).toHaveCSS("background-color", "rgb(255, 255, 255)");
      // No 100 px hole under the profile card on a phone: cards sit one gap (24 px) apart.
      const cards = page.locator("main section");
      const profileBottom = await cards.nth(0).evaluate((el) => el.getBoundingClientRect().bottom);
      const nextTop = await cards.nth(1).evaluate((el) => el.getBoundingClientRect().top);
      if (info.project.name === "phone") expect(nextTop - profileBottom).toBeLessThanOrEqual(32);
      await screenshot(page, info, `polish-user-${lang}`);
      await expectAccessible(page);

      // A long redirect URI in the audit diff: folded at first, readable in full with one tap.
      const long = `https://a-very-long-host-name-for-testing-${lang}.example.com/oidc/callback/${info.project.name}`;
      const { application } = await createViaApi(page, {
        type: "traditional",
        name: `Diff ${lang} ${info.project.name}`,
        redirectUris: ["https://short.example.com/cb"],
      });
      const patched = await page.request.patch(`${server().url}/api/v1/applications/${application.id}`, {
        headers: { origin: server().url },
        data: { redirectUris: [long] },
      });
      expect(patched.status()).toBe(200);
      await page.goto(`${server().url}/audit?type=app.updated&applicationId=${application.id}`);
      const event = page.getByTestId("audit-event").first();
      await expect(event.getByRole("cell", { name: c.audit.fields.redirectUris, exact: true })).toBeVisible();
      await expect(event).not.toContainText("redirectUris");
      const after = event.locator("summary").filter({ hasText: "…" }).last();
      await expect(event.getByText(JSON.stringify([long]))).toBeHidden();
      await after.click();
      await expect(event.getByText(JSON.stringify([long]))).toBeVisible();
      await screenshot(page, info, `polish-audit-diff-${lang}`);
      await expectAccessible(page);
    });
  });
}

/** The empty state centres its text; the wizard opened from it must not inherit that. */
test.describe("item 4: the wizard from the empty state", () => {
  const freshOne = freshServer();

  for (const lang of languages) {
    test(`its text starts at the left (${lang})`, async ({ page }, info) => {
      const fresh = freshOne();
      const admin = { email: `empty.${lang}.${info.project.name}@example.com`, password: "empty-state-pass" };
      expect(
        (
          await fresh.cli(
            "admins",
            "create",
            "--email",
            admin.email,
            "--password",
            admin.password,
            "--name",
            "Eun Admin",
          )
        ).status,
      ).toBe(0);
      await page.context().addCookies([{ name: "latchkey_locale", value: lang, url: fresh.url }]);
      await page.goto(`${fresh.url}/applications`);
      const signIn = catalogs[lang].account.signIn;
      await page.getByLabel(signIn.email).fill(admin.email);
      await page.getByLabel(signIn.password).fill(admin.password);
      await page.getByRole("button", { name: signIn.submit, exact: true }).click();
      await page.waitForURL(`${fresh.url}/applications`);
      const c = catalogs[lang].console;
      const empty = page.getByRole("heading", { name: c.applications.empty["first-party"].title });
      await expect(empty).toHaveCSS("text-align", "center");
      await page.getByRole("button", { name: c.create.button }).last().click();
      const wizard = page.getByRole("dialog", { name: c.create.title });
      await expect(wizard.getByText(c.create.groups.firstParty)).toHaveCSS("text-align", "left");
      await expect(wizard.getByText(c.create.typeHelp.spa)).toHaveCSS("text-align", "left");
      await screenshot(page, info, `polish-wizard-empty-${lang}`);
      await expectAccessible(page);
    });
  }
});
