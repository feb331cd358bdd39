import { expect, test } from "@playwright/test";
import { consoleNav, expectAccessible, screenshot, server, signInToConsole } from "./support";

/**
 * Each viewport rotates a different algorithm: one rotation per algorithm may wait at a time, and
 * the server's default activation delay (5 minutes) keeps the new key "next" for this whole test.
 */
test("an admin sees the signing keys and rotates one through the dialog", async ({ page }, info) => {
  const alg = info.project.name === "desktop" ? "RS256" : "ES256";
  await signInToConsole(page, info, "/settings/keys");
  await expect(page.getByRole("heading", { level: 1, name: "Signing keys" })).toBeVisible();
  await expect((await consoleNav(page, info)).getByRole("link", { name: "Signing keys" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  // The phone's menu drops down over the page: closed again before the page is used.
  await page.keyboard.press("Escape");

  const table = page.getByRole("table", { name: "Published signing keys" });
  const rows = table.getByRole("row");
  const current = (which: string) => rows.filter({ hasText: which }).filter({ hasText: "Current" });
  await expect(current("RS256")).toHaveCount(1);
  await expect(current("ES256")).toHaveCount(1);
  await expect(page.getByText(`${server().issuer}/jwks`)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "keys-list");

  await page.getByRole("button", { name: "Rotate signing key" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate a signing key" });
  await expect(dialog.getByRole("radio", { name: /^RS256 \(recommended\)/ })).toBeChecked();
  await expect(dialog.getByText("In 5 minutes, once every Latchkey server")).toBeVisible();
  await dialog.getByRole("radio", { name: new RegExp(`^${alg}`) }).check();
  await expectAccessible(page);
  await screenshot(page, info, "keys-rotate-dialog");
  await dialog.getByRole("button", { name: "Publish new key" }).click();

  await expect(page.getByText(`New ${alg} key published. It starts signing in 5 minutes.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  const next = rows.filter({ hasText: alg }).filter({ hasText: "Next" });
  await expect(next).toHaveCount(1);
  await expect(current(alg)).toHaveCount(1);

  // The key the page lists as next is already in the JWKS apps fetch, and nothing private is.
  const kid = (await next.locator("code").textContent()) ?? "";
  expect(kid).toMatch(/^[a-z0-9]{16}$/);
  const jwks = (await (await page.request.get(`${server().issuer}/jwks`)).json()) as { keys: Record<string, string>[] };
  expect(jwks.keys.find((key) => key.kid === kid)).toMatchObject({ alg, use: "sig" });
  for (const key of jwks.keys) expect(key).not.toHaveProperty("d");

  await expectAccessible(page);
  await screenshot(page, info, "keys-after-rotate");
});
