import { expect, test } from "@playwright/test";
import { acknowledgeSecret, createViaApi, expectAccessible, screenshot, server, signInToConsole } from "./support";

const typeChoices = [
  { type: "traditional", label: "Traditional web", secret: true, redirect: "https://portal.example.com/callback" },
  { type: "spa", label: "Single-page app", secret: false, redirect: "http://localhost:5173/callback" },
  { type: "native", label: "Native", secret: false, redirect: "com.example.notes:/callback" },
  { type: "m2m", label: "Machine-to-machine", secret: true, redirect: undefined },
  { type: "third-party", label: "Third-party OIDC", secret: true, redirect: "https://wiki.example.com/oidc/callback" },
] as const;

test("the wizard creates one app of every type and lands on its detail page", async ({ page }, info) => {
  await signInToConsole(page, info);
  for (const [index, choice] of typeChoices.entries()) {
    const name = `${choice.label} ${info.project.name}`;
    const tab = choice.type === "third-party" ? "Third-party apps" : "First-party apps";
    await page.goto(`${server().url}/applications${choice.type === "third-party" ? "?tab=third-party" : ""}`);
    await expect(page.getByRole("link", { name: new RegExp(tab) })).toHaveAttribute("aria-current", "page");
    await page.getByRole("button", { name: "Create application" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create an application" });
    await expect(dialog).toBeVisible();
    // The third-party tab preselects its kind.
    if (choice.type === "third-party") await expect(dialog.getByLabel(choice.label)).toBeChecked();
    if (index === 0) {
      await expectAccessible(page);
      await screenshot(page, info, "console-wizard-type");
    }
    await dialog.getByLabel(choice.label).check();
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Description").fill(`Created by the ${choice.type} test`);
    if (choice.redirect) await dialog.getByLabel("Redirect URI").fill(choice.redirect);
    else await expect(dialog.getByLabel("Redirect URI")).toHaveCount(0);
    if (index === 0) {
      await expectAccessible(page);
      await screenshot(page, info, "console-wizard-details");
    }
    await dialog.getByRole("button", { name: "Create application" }).click();

    await page.waitForURL(/\/applications\/[a-z0-9]+$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    if (choice.secret) {
      await expect(page.getByTestId("new-client-secret")).toHaveText(/^[A-Za-z0-9_-]{43}$/);
      await acknowledgeSecret(page);
    } else {
      await expect(page.getByText("This app is a public client")).toBeVisible();
    }
    if (choice.redirect) {
      await expect(page.getByRole("textbox", { name: "Redirect URIs, row 1" })).toHaveValue(choice.redirect);
    }
    if (choice.type === "third-party") {
      await expect(page.getByText("Third-party", { exact: true })).toBeVisible();
      await expectAccessible(page);
      await screenshot(page, info, "console-detail");
    }
  }
  // The list shows them under their tabs, searchable by name.
  await page.goto(`${server().url}/applications?q=${encodeURIComponent(info.project.name)}`);
  await expect(page.getByRole("link", { name: `Native ${info.project.name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Third-party OIDC ${info.project.name}` })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, info, "console-list");
});

test("redirect URIs are edited row by row; invalid rows are refused beside the row", async ({ page }, info) => {
  await signInToConsole(page, info);
  const { application } = await createViaApi(page, {
    type: "traditional",
    name: `URI editing ${info.project.name}`,
    redirectUris: ["https://app.example.com/callback"],
  });
  await page.goto(`${server().url}/applications/${application.id}`);
  const row = (n: number) => page.getByRole("textbox", { name: `Redirect URIs, row ${n}` });

  await page.getByRole("button", { name: "Add another URI" }).first().click();
  await row(2).fill("http://app.example.com/callback");
  await page.getByRole("button", { name: "Add another URI" }).first().click();
  await row(3).fill("https://app.example.com/callback");
  await page.getByRole("button", { name: "Add another URI" }).first().click();
  await row(4).fill("https://app.example.com/cb#frag");
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(row(2)).toHaveAttribute("aria-invalid", "true");
  await expect(row(2)).toHaveAccessibleDescription(/Use https/);
  await expect(row(3)).toHaveAccessibleDescription("This URI is already listed");
  await expect(row(4)).toHaveAccessibleDescription(/fragment/);
  await expect(row(1)).not.toHaveAttribute("aria-invalid", "true");
  await screenshot(page, info, "console-settings-errors");

  // Nothing was saved.
  const before = await page.request.get(`${server().url}/api/v1/applications/${application.id}`);
  expect((await before.json()).redirectUris).toEqual(["https://app.example.com/callback"]);

  await row(2).fill("http://localhost:3000/callback");
  await page.getByRole("button", { name: "Remove Redirect URIs, row 4" }).click();
  await page.getByRole("button", { name: "Remove Redirect URIs, row 3" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);

  await page.reload();
  await expect(row(1)).toHaveValue("https://app.example.com/callback");
  await expect(row(2)).toHaveValue("http://localhost:3000/callback");

  // Discard puts the saved values back.
  await row(1).fill("https://changed.example.com/cb");
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(row(1)).toHaveValue("https://app.example.com/callback");
});

test("copy buttons put exactly the shown value on the clipboard", async ({ page, context }, info) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server().url });
  await signInToConsole(page, info);
  const { application } = await createViaApi(page, { type: "third-party", name: `Copy ${info.project.name}` });
  await page.goto(`${server().url}/applications/${application.id}`);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await page.getByTestId("client-id").locator("..").getByRole("button", { name: "Copy Client ID" }).click();
  expect(await clipboard()).toBe(application.clientId);
  await page.getByRole("button", { name: "Copy Discovery URL" }).click();
  expect(await clipboard()).toBe(`${server().issuer}/.well-known/openid-configuration`);
  await page.getByRole("button", { name: "Copy Issuer" }).click();
  expect(await clipboard()).toBe(server().issuer);

  // A new secret is shown once, with a copy button, and works.
  await page.getByRole("button", { name: "Add secret" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Rotation 2026");
  await page.getByRole("dialog").getByLabel("Expires").selectOption("30");
  await page.getByRole("button", { name: "Create secret" }).click();
  const shown = (await page.getByTestId("new-client-secret").textContent()) ?? "";
  await page.getByRole("button", { name: "Copy Client secret" }).click();
  expect(await clipboard()).toBe(shown);
  await expect(page.getByText(`Rotation 2026••••${shown.slice(-4)}`)).toBeVisible();
  await acknowledgeSecret(page);
  await page.reload();
  await expect(page.getByTestId("new-client-secret")).toHaveCount(0);
});

test("the endpoints panel lists exactly the discovery document's endpoints", async ({ page }, info) => {
  await signInToConsole(page, info);
  const { application } = await createViaApi(page, { type: "third-party", name: `Endpoints ${info.project.name}` });
  const discovery = (await (
    await page.request.get(`${server().issuer}/.well-known/openid-configuration`)
  ).json()) as Record<string, unknown>;
  const expected = Object.entries(discovery)
    .filter(([key]) => key.endsWith("_endpoint") || key === "jwks_uri")
    .map(([key, value]) => [key, value]);

  await page.goto(`${server().url}/applications/${application.id}`);
  await expect(page.getByTestId("issuer")).toHaveText(String(discovery.issuer));
  const toggle = page.getByRole("button", { name: "View endpoint details" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(page.getByRole("button", { name: "Hide endpoint details" })).toHaveAttribute("aria-expanded", "true");
  const shown = await page
    .locator("[data-testid^='endpoint-']")
    .evaluateAll((nodes) =>
      nodes.map((node) => [node.getAttribute("data-testid")?.replace("endpoint-", ""), node.textContent]),
    );
  expect(shown.sort()).toEqual(expected.sort());
  await expect(page.getByText("Token endpoint")).toBeVisible();
  await screenshot(page, info, "console-endpoints");
});

test("an app is deleted only after its name is typed", async ({ page }, info) => {
  await signInToConsole(page, info);
  const name = `Doomed ${info.project.name}`;
  const { application } = await createViaApi(page, { type: "spa", name });
  await page.goto(`${server().url}/applications/${application.id}`);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  const confirm = dialog.getByRole("button", { name: "Delete application" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type "${name}" to confirm`).fill("Doomed");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type "${name}" to confirm`).fill(name);
  await confirm.click();
  await page.waitForURL(`${server().url}/applications`);
  await expect(page.getByText(`${name} was deleted.`)).toBeVisible();
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  const gone = await page.request.get(`${server().url}/api/v1/applications/${application.id}`);
  expect(gone.status()).toBe(404);
  await page.goto(`${server().url}/applications/${application.id}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("console API: 401 without a session, 400 naming each invalid field with one", async ({ page, request }, info) => {
  const anonymous = await request.post(`${server().url}/api/v1/applications`, {
    headers: { origin: server().url },
    data: { type: "spa", name: "x" },
  });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toContain("application/problem+json");
  expect((await request.get(`${server().url}/api/v1/applications`)).status()).toBe(401);

  await signInToConsole(page, info);
  const invalid = await page.request.post(`${server().url}/api/v1/applications`, {
    headers: { origin: server().url },
    data: { type: "teapot", name: "", redirectUris: ["https://ok.example.com/cb", "ftp://x"] },
  });
  expect(invalid.status()).toBe(400);
  const problem = await invalid.json();
  expect(Object.keys(problem.errors).sort()).toEqual(["name", "type"]);

  const badUris = await page.request.post(`${server().url}/api/v1/applications`, {
    headers: { origin: server().url },
    data: { type: "spa", name: "Bad URIs", redirectUris: ["https://ok.example.com/cb", "ftp://x", "/relative"] },
  });
  expect(badUris.status()).toBe(400);
  expect(Object.keys((await badUris.json()).errors).sort()).toEqual(["redirectUris.1", "redirectUris.2"]);

  // A write from another site is refused even with the admin's cookie.
  const crossSite = await page.request.post(`${server().url}/api/v1/applications`, {
    headers: { origin: "https://evil.example.com" },
    data: { type: "spa", name: "Evil" },
  });
  expect(crossSite.status()).toBe(403);
});

test("the console follows the language menu, and the choice is remembered", async ({ page }, info) => {
  await signInToConsole(page, info);
  await page.getByRole("combobox", { name: "Language" }).selectOption("ko");
  await expect(page.getByRole("heading", { level: 1, name: "애플리케이션" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "애플리케이션" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "console-list-ko");
  await page.getByRole("combobox", { name: "언어" }).selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Applications" })).toBeVisible();
});
