import { expect, test } from "@playwright/test";
import { server, signInToConsole } from "./support";

/**
 * The console's forms use the same schemas as the API: hidden characters in a name or a URL are
 * refused beside the field, in the browser and again on the server, and nothing is saved.
 */
test("the wizard refuses a name with a bidi override beside the field and creates nothing", async ({ page }, info) => {
  await signInToConsole(page, info);
  const name = `Invoice ${info.project.name} \u202Efdp.exe`;
  await page.getByRole("button", { name: "Create application" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create an application" });
  await dialog.getByLabel("Single-page app").check();
  await dialog.getByRole("button", { name: "Next" }).click();
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create application" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription(/direction-changing characters/);
  await expect(dialog).toBeVisible();
  const search = await page.request.get(`${server().url}/api/v1/applications?search=Invoice`);
  expect((await search.json()).total).toBe(0);
});

test("the settings form refuses a redirect URI with a tab inside beside its row", async ({ page }, info) => {
  await signInToConsole(page, info);
  const created = await page.request.post(`${server().url}/api/v1/applications`, {
    headers: { origin: server().url },
    data: { type: "traditional", name: `Hidden tab ${info.project.name}`, redirectUris: ["https://rp.example.com/cb"] },
  });
  const { application } = (await created.json()) as { application: { id: string } };
  await page.goto(`${server().url}/applications/${application.id}`);
  const row = (n: number) => page.getByRole("textbox", { name: `Redirect URIs, row ${n}` });
  await page.getByRole("button", { name: "Add another URI" }).first().click();
  await row(2).fill("https://rp.exa\tmple.com/cb");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(row(2)).toHaveAttribute("aria-invalid", "true");
  await expect(row(2)).toHaveAccessibleDescription(/spaces, tabs, line breaks/);
  const stored = await page.request.get(`${server().url}/api/v1/applications/${application.id}`);
  expect((await stored.json()).redirectUris).toEqual(["https://rp.example.com/cb"]);
});
