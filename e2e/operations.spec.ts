import { expect, test } from "@playwright/test";
import { consoleNav, expectAccessible, screenshot, server, signInToConsole } from "./support";

test("an admin creates, edits and suspends a user, and finds it all in the audit log", async ({ page }, info) => {
  const email = `sam.${info.project.name}@example.com`;
  await signInToConsole(page, info, "/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByRole("button", { name: "Create user" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a user" });
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByLabel("Password").fill("short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("Use at least 8 characters")).toBeVisible();
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name", { exact: true }).fill("Sam Carter");
  await dialog.getByLabel("Password").fill("a-long-passphrase");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await page.waitForURL(/\/users\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sam Carter" })).toBeVisible();

  await page.getByLabel("Phone number").fill("+82 10 1234 5678");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "console-user");

  await page.getByRole("button", { name: "Suspend user" }).click();
  await page.getByRole("dialog", { name: "Suspend user" }).getByRole("button", { name: "Suspend user" }).click();
  await expect(page.getByText(`${email} is suspended.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Reactivate user" })).toBeVisible();

  await page.goto(`${server().url}/users?q=${encodeURIComponent(email)}`);
  await expect(page.getByRole("link", { name: "Sam Carter" })).toBeVisible();
  await expect(page.getByText("Suspended")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "console-users");

  await (await consoleNav(page, info)).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Event").selectOption("user.suspended");
  await page.getByRole("button", { name: "Filter" }).click();
  const event = page.getByTestId("audit-event").filter({ hasText: email }).first();
  await expect(event).toContainText("User suspended");
  // Field names read as labels ("Status"), not as the stored key.
  await expect(event.getByRole("row", { name: /^Status active suspended$/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "console-audit");
});

test("the API page renders the OpenAPI document the API serves", async ({ page }, info) => {
  await signInToConsole(page, info, "/api-docs");
  await expect(page.getByRole("heading", { level: 1, name: "Management API" })).toBeVisible();
  const document = await (await page.request.get(`${server().url}/api/v1/openapi.json`)).json();
  const operations = Object.values(document.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
    (methods) => Object.values(methods).map((op) => op.operationId),
  );
  for (const id of operations) await expect(page.locator(`[id="${id}"]`)).toBeVisible();
  await expect(page.getByText(`${server().url}/api/v1/openapi.json`)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "console-api-docs");
});
