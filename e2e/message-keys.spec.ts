import { readFileSync } from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { requestUrl, signIn } from "./end-user";
import { adminOf, expectAccessible, server, userOf } from "./support";

/**
 * Every page, in both languages and at both sizes, must show words and never a message's key (what
 * next-intl prints when a key is missing or a message cannot be formatted: `console.apiDocs.auth`),
 * and must pass axe with no violation of any impact.
 */

/** Text that looks like a key: lowercase words joined by dots. */
const keyLike = /\b[a-z]+(?:\.[a-zA-Z]+)+\b/g;
/** What may look like that and is not a key: addresses, host names and file names pages show. */
const notKeys = [
  /^[a-z][a-z0-9+.-]*:\/\/\S+$/, // (URLs are removed before matching; kept for clarity)
  /\.(?:com|net|org|example|test|invalid|localhost|local)$/, // host names: wiki.example.com
  /\.(?:conf|cfg|ini|rb|php|ya?ml|toml|json|env)$/, // configuration files the service guides name
];
const urls = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
const emails = /[^\s@"'<>]+@[^\s@"'<>]+/g;

async function visibleText(page: Page, withoutCode: boolean): Promise<string> {
  // A page that still redirects (a sign-in finishing) replaces the document mid-read: read again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await readText(page, withoutCode);
    } catch (error) {
      if (attempt >= 5 || !/Execution context was destroyed/.test(String(error))) throw error;
      await page.waitForLoadState("load");
    }
  }
}

function readText(page: Page, withoutCode: boolean) {
  return page.evaluate((withoutCode) => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    // The README's code (on /docs) names files (secret.key, models.prisma), not messages: left out.
    const code = withoutCode ? [...document.querySelectorAll<HTMLElement>("main code, main pre")] : [];
    for (const node of code) node.style.display = "none";
    // innerText, not textContent: what is rendered (no script or style text, no hidden nodes).
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is checked.
    const body = document.body.innerText;
    for (const node of code) node.style.display = "";
    const parts = [document.title, body];
    for (const node of document.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
      for (const name of ["aria-label", "placeholder", "title", "alt"]) {
        const value = node.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join("\n");
  }, withoutCode);
}

/**
 * Checks the page shown now: no message key, no accessibility violation. Softly, so one run lists
 * every page's problems (the test still fails at its end).
 */
async function checkPage(page: Page, seen: string[]) {
  await page.waitForLoadState("load");
  await expect(page.locator("h1, h2").first()).toBeVisible();
  const path = new URL(page.url()).pathname;
  const text = (await visibleText(page, path === "/docs")).replace(urls, " ").replace(emails, " ");
  const found = [...text.matchAll(keyLike)].map((m) => m[0]).filter((word) => !notKeys.some((re) => re.test(word)));
  expect.soft(found, `${page.url()} shows text that looks like a message key`).toEqual([]);
  await expectAccessible(page, { soft: true });
  seen.push(new URL(page.url()).pathname);
}

type Ids = { wiki: string; portal: string; user: string };

async function consoleIds(page: Page, info: { project: { name: string } }): Promise<Ids> {
  const api = (path: string) => page.request.get(`${server().url}/api/v1/${path}`).then((r) => r.json());
  const apps = await api(`applications?party=third-party&search=${encodeURIComponent("Acme Wiki")}`);
  const first = await api(`applications?search=${encodeURIComponent("Staff Portal")}`);
  const users = await api(`users?search=${encodeURIComponent(userOf(info as never).email)}`);
  const id = (list: { items?: { id: string; clientId?: string }[] }, clientId?: string) =>
    (list.items ?? []).find((item) => !clientId || item.clientId === clientId)?.id ?? "";
  return {
    wiki: id(apps, server().wiki.clientId),
    portal: id(first, server().portal.clientId),
    user: id(users),
  };
}

async function walk(browser: Browser, locale: string, info: Parameters<typeof adminOf>[0]) {
  const seen: string[] = [];
  const context = await browser.newContext({ locale });
  const page = await context.newPage();

  // End-user pages, signed out: the front door, the sign-in page, errors.
  await page.goto(`${server().url}/`);
  await checkPage(page, seen);
  await page.goto(requestUrl(server().wiki, "openid profile email"));
  await checkPage(page, seen);
  for (const kind of ["expired", "unknown_client", "bad_redirect_uri", "access_denied", "generic", "unavailable"]) {
    await page.goto(`${server().url}/error?kind=${kind}`);
    await checkPage(page, seen);
  }
  const bad = new URL(requestUrl(server().wiki, "openid"));
  bad.searchParams.set("redirect_uri", "https://elsewhere.example.com/cb");
  await page.goto(bad.href);
  await checkPage(page, seen);

  // Signed in as the admin (a user too): consent, the account choice, the account page.
  await page.goto(requestUrl(server().wiki, "openid profile email phone", { prompt: "consent" }));
  await signIn(page, adminOf(info));
  await expect(page.locator('form button[value="confirm"]')).toBeVisible();
  await checkPage(page, seen);
  await page.goto(requestUrl(server().portal, "openid", { prompt: "select_account" }));
  await checkPage(page, seen);
  await page.goto(`${server().url}/account`);
  // The account page signs in through the provider's session first, then comes back.
  await expect(page.getByTestId("email-status")).toContainText(adminOf(info).email, { timeout: 30_000 });
  await checkPage(page, seen);
  await page.goto(`${server().url}/account/revoke/not-an-app`);
  await checkPage(page, seen);

  // The console, every page (the first visit signs in to it through the provider's session).
  await page.goto(`${server().url}/applications`);
  await page.waitForURL(`${server().url}/applications`);
  const ids = await consoleIds(page, info);
  const consolePages = [
    "/applications",
    "/applications?tab=third-party",
    `/applications/${ids.portal}`,
    `/applications/${ids.wiki}`,
    `/applications/${ids.wiki}/connect`,
    `/applications/${ids.wiki}/permissions`,
    `/applications/${ids.wiki}/branding`,
    `/applications/${ids.wiki}/tokens`,
    "/applications/does-not-exist",
    "/users",
    `/users/${ids.user}`,
    "/apis",
    "/roles",
    "/audit",
    "/api-docs",
    "/docs",
    "/settings/keys",
  ];
  for (const path of consolePages) {
    await page.goto(`${server().url}${path}`);
    expect(page.url()).toBe(`${server().url}${path}`);
    await checkPage(page, seen);
  }

  // The wizard's two steps, over the list.
  const create = (
    JSON.parse(readFileSync(`lib/i18n/messages/${locale.slice(0, 2)}/console.json`, "utf8")) as {
      create: Record<string, string>;
    }
  ).create;
  await page.goto(`${server().url}/applications`);
  await page.getByRole("button", { name: create.button }).first().click();
  const wizard = page.getByRole("dialog", { name: create.title });
  await expect(wizard.getByRole("radio").first()).toBeVisible();
  await checkPage(page, seen);
  await wizard.getByRole("radio").first().check();
  await wizard.getByRole("button", { name: create.next }).click();
  await expect(wizard.getByRole("button", { name: create.submit })).toBeVisible();
  await checkPage(page, seen);

  // The device page, where a person types the code a TV or a command line shows.
  await page.goto(`${server().issuer}/device`);
  await checkPage(page, seen);

  // Signing out: the question, then the answer.
  await page.goto(`${server().issuer}/session/end`);
  await checkPage(page, seen);
  await page.locator('button[name="logout"]').click();
  await checkPage(page, seen);
  await page.goto(`${server().url}/sign-in?signed_out=1`);
  await checkPage(page, seen);
  await context.close();
  return seen;
}

for (const locale of ["en-US", "ko-KR"]) {
  test(`no page shows a message key or fails axe (${locale})`, async ({ browser }, info) => {
    // About 35 pages, each read and checked by axe: minutes on a busy 2-core machine.
    test.setTimeout(480_000);
    const seen = await walk(browser, locale, info);
    expect(seen.length).toBeGreaterThanOrEqual(34);
  });
}
