import { expect, test } from "@playwright/test";
import { expectAccessible, freshServer, screenshot } from "./support";

/**
 * A Latchkey straight after installation: no admin, no apps. Its own server, so the shared one's
 * admins and apps do not hide the setup page and the empty states.
 */
const freshOne = freshServer();

test("the first admin is created on an empty database, sees both empty tabs, and signs out", async ({ page }, info) => {
  const fresh = freshOne();
  const admin = { name: "Grace Hopper", email: `grace.${info.project.name}@example.com`, password: "first-admin-pass" };
  await page.goto(`${fresh.url}/applications`);
  await page.waitForURL(`${fresh.url}/setup`);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "console-setup");

  // Mistakes are caught beside their fields.
  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Confirm password").fill("something-else");
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("The passwords do not match")).toBeVisible();

  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Confirm password").fill(admin.password);
  // Straight into the console: the password just typed is not asked for again.
  const shownPages: string[] = [];
  page.on("framenavigated", (frame) => frame === page.mainFrame() && shownPages.push(new URL(frame.url()).pathname));
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await page.waitForURL(`${fresh.url}/applications`);
  expect(shownPages.filter((path) => path.startsWith("/interaction/"))).toEqual([]);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // Both tabs explain what belongs in them and offer the create button.
  await expect(page.getByRole("heading", { name: "No first-party apps yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: /First-party apps\s*0/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: "Create application" })).toHaveCount(2);
  await expectAccessible(page);
  await screenshot(page, info, "console-empty-first-party");
  await page.getByRole("link", { name: /Third-party apps/ }).click();
  await page.waitForURL(`${fresh.url}/applications?tab=third-party`);
  await expect(page.getByRole("heading", { name: "No third-party apps yet" })).toBeVisible();
  await screenshot(page, info, "console-empty-third-party");
  await page.reload();
  await expect(page.getByRole("link", { name: /Third-party apps/ })).toHaveAttribute("aria-current", "page");

  // Setup is closed for good once an admin exists.
  await page.goto(`${fresh.url}/setup`);
  await page.waitForURL(/\/applications/);
  const again = await page.request.post(`${fresh.url}/api/setup`, {
    headers: { origin: fresh.url },
    data: {
      name: "Mallory",
      email: "mallory@example.com",
      password: "mallory-password",
      confirmPassword: "mallory-password",
    },
  });
  expect(again.status()).toBe(409);

  // Signing out ends the console session and the provider's.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: /sign out/i }).click();
  await page.waitForURL(`${fresh.url}/sign-in?signed_out=1`);
  await expect(page.getByText("You signed out.")).toBeVisible();
  await page.goto(`${fresh.url}/applications`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("to continue to Latchkey Console")).toBeVisible();
});
