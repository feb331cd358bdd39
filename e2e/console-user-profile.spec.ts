import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { server, signInToConsole } from "./support";

type User = { id: string; username: string; givenName: string; familyName: string; locale: string };

async function createUser(page: Page, body: Record<string, unknown>): Promise<User> {
  const response = await page.request.post(`${server().url}/api/v1/users`, {
    headers: { origin: server().url },
    data: { password: "a-long-passphrase", ...body },
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

async function stored(page: Page, id: string): Promise<User> {
  return (await page.request.get(`${server().url}/api/v1/users/${id}`)).json();
}

/**
 * The user page edits the profile claims apps receive: a username taken by someone else (in
 * another letter case) or a bad locale is refused beside its field and nothing is saved; a
 * good edit is saved and shown again after a reload. Usernames here have no dots: the audit log
 * shows them, and message-keys.spec.ts reads a dotted word there as a message key.
 */
test("the user page edits the username and the given and family names, with inline errors", async ({ page }, info) => {
  const run = `${info.project.name}-${randomBytes(3).toString("hex")}`;
  await signInToConsole(page, info, "/users");
  await createUser(page, { email: `taken.${run}@example.com`, username: `taken_${run}` });
  const grace = await createUser(page, { email: `grace.${run}@example.com`, name: "Grace Hopper" });
  await page.goto(`${server().url}/users/${grace.id}`);

  const username = page.getByLabel("Username", { exact: true });
  const givenName = page.getByLabel("Given name", { exact: true });
  const familyName = page.getByLabel("Family name", { exact: true });
  const locale = page.getByLabel("Language (locale)", { exact: true });
  const save = page.getByRole("button", { name: "Save changes" });

  await username.fill(`TAKEN_${run}`.toUpperCase());
  await givenName.fill("Grace");
  await familyName.fill("Hopper");
  await save.click();
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toHaveAccessibleDescription(/Another user has this username/);
  expect(await stored(page, grace.id)).toMatchObject({ username: "", givenName: "", familyName: "" });

  await username.fill("-grace");
  await locale.fill("en_US");
  await save.click();
  await expect(username).toHaveAccessibleDescription(/starts with a letter or a digit/);
  await expect(locale).toHaveAttribute("aria-invalid", "true");
  await expect(locale).toHaveAccessibleDescription(/language tag \(BCP 47\)/);
  expect(await stored(page, grace.id)).toMatchObject({ username: "", givenName: "", locale: "" });

  await username.fill(`Grace_${run}`);
  await locale.fill("en-us");
  await save.click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect
    .poll(() => stored(page, grace.id), { message: "the edit reaches the database", timeout: 10_000 })
    .toMatchObject({ username: `Grace_${run}`, givenName: "Grace", familyName: "Hopper", locale: "en-US" });

  await page.reload();
  await expect(username).toHaveValue(`Grace_${run}`);
  await expect(givenName).toHaveValue("Grace");
  await expect(familyName).toHaveValue("Hopper");
  await expect(locale).toHaveValue("en-US");
  await expect(username).not.toHaveAttribute("aria-invalid", "true");
});
