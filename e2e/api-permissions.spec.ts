import { randomBytes } from "node:crypto";
import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { expectCode, requestUrl, Setup, signIn, unique } from "./end-user";
import { expectAccessible, screenshot, server, signInToConsole } from "./support";

// Each test signs in more than once (an admin to set up, a user to act): slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

const post = (admin: Page, path: string, data: unknown, method: "post" | "put" | "patch" = "post") =>
  admin.request[method](`${server().url}${path}`, { headers: { origin: server().url }, data });

/** An API with read:pages, a role granting it, a user holding the role, and an app allowed to ask for it. */
async function wikiSetup(browser: Parameters<typeof Setup.start>[0], info: TestInfo) {
  const admin = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signInToConsole(admin, info);
  const indicator = `https://wiki-${randomBytes(4).toString("hex")}.example.com/api`;
  const apiName = unique("Team Wiki", info);
  const api = await post(admin, "/api/v1/apis", {
    name: apiName,
    indicator,
    permissions: [{ name: "read:pages", description: "Read your wiki pages" }],
  });
  expect(api.status(), await api.text()).toBe(201);
  const roleName = unique("Editor", info);
  const role = await post(admin, "/api/v1/roles", { name: roleName, permissions: [{ indicator, name: "read:pages" }] });
  expect(role.status(), await role.text()).toBe(201);
  const setup = await Setup.start(browser, info);
  const app = await setup.app(unique("Wiki", info), { displayName: "Wiki" });
  await setup.close();
  const access = await post(
    admin,
    `/api/v1/applications/${app.id}/access`,
    { apiPermissions: [{ indicator, name: "read:pages" }] },
    "patch",
  );
  expect(access.status(), await access.text()).toBe(200);
  /** A new user holding the role. */
  const user = async () => {
    const credentials = { email: `wiki.${randomBytes(4).toString("hex")}@example.com`, password: "wiki-passphrase" };
    const created = await post(admin, "/api/v1/users", credentials);
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const held = await post(admin, `/api/v1/users/${id}/roles`, { roles: [roleName] }, "put");
    expect(held.status(), await held.text()).toBe(200);
    return credentials;
  };
  return { app, apiName, indicator, user, close: () => admin.context().close() };
}

test.describe("API permissions on the consent page", () => {
  test("lists the API and its permission's description, in English and in Korean", async ({ browser }, info) => {
    const wiki = await wikiSetup(browser, info);
    const url = requestUrl(wiki.app, "openid profile read:pages", { resource: wiki.indicator });

    const english = await (await browser.newContext({ locale: "en-US" })).newPage();
    await english.goto(url);
    await signIn(english, await wiki.user());
    await expect(english.getByRole("heading", { name: "Wiki wants to access your account" })).toBeVisible();
    const group = english.getByTestId("consent-api");
    await expect(group).toContainText(`In ${wiki.apiName}:`);
    await expect(group).toContainText("Read your wiki pages");
    await expect(group).toContainText("New");
    await english.getByRole("button", { name: "Authorize" }).click();
    await expectCode(english);
    await english.context().close();

    const korean = await (await browser.newContext({ locale: "ko-KR" })).newPage();
    await korean.goto(url);
    await signIn(korean, await wiki.user());
    const koGroup = korean.getByTestId("consent-api");
    await expect(koGroup).toContainText(`${wiki.apiName}에서:`);
    await expect(koGroup).toContainText("Read your wiki pages");
    await expect(koGroup).toContainText("새 권한");
    await korean.context().close();
    await wiki.close();
  });
});

test.describe("the console", () => {
  test("creates an API, a role and an access rule", async ({ page, browser }, info) => {
    test.skip(info.project.name === "phone", "one size is enough for the forms; the phone runs the consent page");
    await signInToConsole(page, info, "/apis");
    const apiName = unique("Docs API", info);
    const indicator = `https://docs-${randomBytes(4).toString("hex")}.example.com/api`;
    await page.getByLabel("Name", { exact: true }).fill(apiName);
    await page.getByLabel("Indicator", { exact: true }).fill(indicator);
    await page.getByLabel("Permissions", { exact: true }).fill("read:docs=Read your documents");
    await page.getByRole("button", { name: "Register API" }).click();
    await page.waitForURL(/\/apis\/[a-z0-9]+$/);
    await expect(page.getByRole("heading", { name: apiName })).toBeVisible();

    await page.goto(`${server().url}/roles`);
    const roleName = unique("Writer", info);
    await page.getByLabel("Name", { exact: true }).fill(roleName);
    await page.getByRole("checkbox", { name: `${apiName}: read:docs` }).check();
    await page.getByRole("button", { name: "Create role" }).click();
    await expect(page.getByRole("cell", { name: roleName })).toBeVisible();

    const setup = await Setup.start(browser, info);
    const app = await setup.app(unique("Docs", info));
    await setup.close();
    await page.goto(`${server().url}/applications/${app.id}/permissions`);
    const rule = page.getByRole("group", { name: "Only users with one of these roles" });
    await rule.getByRole("checkbox", { name: roleName }).check();
    await rule.locator("xpath=..").getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved").first()).toBeVisible();
    const access = await page.request.get(`${server().url}/api/v1/applications/${app.id}/access`);
    expect(((await access.json()) as { accessRoles: string[] }).accessRoles).toEqual([roleName]);
  });

  test("edits a role's name and permissions, then deletes the role and the API by typing their names", async ({
    page,
  }, info) => {
    await signInToConsole(page, info, "/apis");
    const apiName = unique("Ledger API", info);
    const indicator = `https://ledger-${randomBytes(4).toString("hex")}.example.com/api`;
    await page.getByLabel("Name", { exact: true }).fill(apiName);
    await page.getByLabel("Indicator", { exact: true }).fill(indicator);
    await page.getByLabel("Permissions", { exact: true }).fill("read:ledger=Read your ledger\nwrite:ledger=Change it");
    await page.getByRole("button", { name: "Register API" }).click();
    await page.waitForURL(/\/apis\/[a-z0-9]+$/);
    const apiPage = page.url();

    await page.goto(`${server().url}/roles`);
    const roleName = unique("Bookkeeper", info);
    await page.getByLabel("Name", { exact: true }).fill(roleName);
    await page.getByRole("checkbox", { name: `${apiName}: read:ledger` }).check();
    await page.getByRole("button", { name: "Create role" }).click();
    await page.getByRole("link", { name: roleName }).click();
    await page.waitForURL(/\/roles\/[a-z0-9]+$/);
    const rolePage = page.url();
    const roleId = rolePage.split("/").pop();

    // The page shows what the role holds; the admin swaps read for write and renames it.
    await expect(page.getByRole("checkbox", { name: `${apiName}: read:ledger` })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: `${apiName}: write:ledger` })).not.toBeChecked();
    await expectAccessible(page);
    await page.getByRole("checkbox", { name: `${apiName}: read:ledger` }).uncheck();
    await page.getByRole("checkbox", { name: `${apiName}: write:ledger` }).check();
    const renamed = `${roleName} (senior)`;
    await page.getByLabel("Name", { exact: true }).fill(renamed);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { name: renamed })).toBeVisible();
    const stored = (await (await page.request.get(`${server().url}/api/v1/roles/${roleId}`)).json()) as {
      name: string;
      permissions: { indicator: string; name: string }[];
    };
    expect(stored).toMatchObject({ name: renamed, permissions: [{ indicator, name: "write:ledger" }] });
    await screenshot(page, info, "role-detail");

    // Deleting asks for the name; a wrong one leaves the button disabled.
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${renamed}?` });
    await expect(dialog.getByText("Users and apps holding it lose its permissions")).toBeVisible();
    await dialog.getByLabel(`Type "${renamed}" to confirm`).fill(roleName);
    await expect(dialog.getByRole("button", { name: "Delete role" })).toBeDisabled();
    await expectAccessible(page);
    await dialog.getByLabel(`Type "${renamed}" to confirm`).fill(renamed);
    await dialog.getByRole("button", { name: "Delete role" }).click();
    await page.waitForURL(`${server().url}/roles`);
    await expect(page.getByRole("link", { name: renamed })).toHaveCount(0);
    expect((await page.request.get(`${server().url}/api/v1/roles/${roleId}`)).status()).toBe(404);

    await page.goto(apiPage);
    await page.getByRole("button", { name: "Delete" }).click();
    const apiDialog = page.getByRole("dialog", { name: `Delete ${apiName}?` });
    await apiDialog.getByLabel(`Type "${apiName}" to confirm`).fill(apiName);
    await apiDialog.getByRole("button", { name: "Delete API" }).click();
    await page.waitForURL(`${server().url}/apis`);
    await expect(page.getByRole("link", { name: apiName })).toHaveCount(0);
    expect((await page.request.get(apiPage.replace("/apis/", "/api/v1/apis/"))).status()).toBe(404);
  });
});
