import { expect, type Page, type Request, request, test } from "@playwright/test";
import { adminOf, server, signInToConsole, userOf } from "./support";

type Recorded = { url: string; headers: Record<string, string> };

/** The console's own routes; other requests (scripts, images, the API) are only checked for leaks. */
const consolePage = /^\/(applications|users|audit|api-docs|settings)(\/|$)/;

/**
 * Walks the console as a signed-in admin would, by links and tabs (so the client router makes its
 * React Server Component fetches), recording every same-origin GET the browser makes.
 */
async function walkConsole(page: Page, record: Recorded[]) {
  const origin = server().url;
  const onRequest = async (req: Request) => {
    if (req.method() !== "GET" || !req.url().startsWith(origin) || req.url().includes("/_next/static/")) return;
    record.push({ url: req.url(), headers: await req.allHeaders() });
  };
  page.on("request", onRequest);
  const go = async (href: string) => {
    const link = page.locator(`a[href="${href}"]`).first();
    if (await link.isVisible()) await link.click();
    else await page.goto(`${origin}${href}`);
    await page.waitForURL(`${origin}${href}`);
    await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
  };
  await page.goto(`${origin}/applications`);
  await go("/applications?tab=third-party");
  await go(`/applications?tab=first-party`);
  const detail = `/applications/${await applicationId(page, server().wiki.clientId)}`;
  await page.goto(`${origin}${detail}`);
  for (const tab of ["connect", "permissions", "branding", "tokens"]) await go(`${detail}/${tab}`);
  await go("/users");
  // The list holds 25 a page, newest first, and other tests add users: find this one by search.
  await page.goto(`${origin}/users?q=${encodeURIComponent(userOf(test.info()).email)}`);
  await page
    .getByRole("row")
    .filter({ hasText: userOf(test.info()).email })
    .getByRole("link")
    .click();
  await page.waitForURL(/\/users\/[a-z0-9]+$/);
  await go("/audit");
  await go("/settings/keys");
  await go("/api-docs");
  page.off("request", onRequest);
}

/** An application's id (its console URL), found through the list's search. */
async function applicationId(page: Page, clientId: string): Promise<string> {
  await page.goto(`${server().url}/applications?tab=third-party&q=${encodeURIComponent("Acme Wiki")}`);
  const href = await page.getByRole("link", { name: "Acme Wiki" }).first().getAttribute("href");
  expect(href, `no link to the app ${clientId}`).toMatch(/^\/applications\/[a-z0-9]+$/);
  return (href ?? "").split("/").pop() ?? "";
}

test("nothing the console shows an admin reaches a request without the admin's cookie", async ({ page }, info) => {
  test.setTimeout(180_000);
  await signInToConsole(page, info);
  const recorded: Recorded[] = [];
  await walkConsole(page, recorded);
  // The same walk in Korean (the language menu's cookie), so every page is fetched in both languages.
  await page.context().addCookies([{ name: "latchkey_locale", value: "ko", url: server().url }]);
  await page.goto(`${server().url}/applications`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await walkConsole(page, recorded);

  const rscFetches = recorded.filter((r) => r.headers.rsc === "1");
  expect(rscFetches.length, "the walk made no client-router fetches to replay").toBeGreaterThan(5);
  const documents = recorded.filter((r) => r.headers.rsc !== "1");
  expect(documents.length).toBeGreaterThan(5);

  // What the admin saw, which nobody else may: the admin's and the user's emails, the app's client ID.
  const secrets = [adminOf(info).email, userOf(info).email, server().wiki.clientId];
  const stranger = await request.newContext({ baseURL: server().url });
  for (const { url, headers } of recorded) {
    const { cookie: _cookie, ...withoutCookie } = headers;
    const response = await stranger.get(url, { headers: withoutCookie, maxRedirects: 0 });
    const body = await response.text();
    const leaked = secrets.filter((value) => body.includes(value));
    expect(leaked, `${url} (${headers.rsc ? "RSC fetch" : "page"}) answered ${response.status()}`).toEqual([]);
    if (!consolePage.test(new URL(url).pathname)) continue;
    expect([303, 401], url).toContain(response.status());
    expect(body, `${url}: a refusal carries no page`).toBe("");
  }
  await stranger.dispose();
});
