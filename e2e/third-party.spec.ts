import { expect, type Page, test } from "@playwright/test";
import {
  authorizationUrl,
  expectAccessible,
  redirectUri,
  screenshot,
  server,
  signInOnProvider,
  signInToConsole,
  userOf,
} from "./support";

async function createThirdParty(page: Page, name: string, extra: Record<string, unknown> = {}) {
  const response = await page.request.post(`${server().url}/api/v1/applications`, {
    headers: { origin: server().url },
    data: { type: "third-party", name, redirectUris: [redirectUri()], ...extra },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { application: { id: string; clientId: string }; clientSecret: string };
}

test("branding set in the console shows on the consent page", async ({ page, browser }, info) => {
  await signInToConsole(page, info);
  const { application } = await createThirdParty(page, `Metrics ${info.project.name}`);
  const appOrigin = new URL(redirectUri()).origin;

  await page.goto(`${server().url}/applications/${application.id}/branding`);
  await page.getByLabel("Display name").fill("Acme Metrics");
  await page.getByLabel("Logo URL", { exact: true }).fill(`${appOrigin}/logo.svg`);
  await page.getByLabel("Terms of use URL").fill("ftp://terms");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel("Terms of use URL")).toHaveAccessibleDescription(/Use an https address/);
  await page.getByLabel("Terms of use URL").fill(`${appOrigin}/terms`);
  await page.getByLabel("Privacy policy URL").fill(`${appOrigin}/privacy`);
  await expect(page.getByText("Acme Metrics wants to access your account")).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "console-branding");

  // Permissions: phone is not allowed by default; allow it.
  await page.getByRole("link", { name: "Permissions" }).click();
  await expect(page.getByRole("checkbox", { name: /Phone number/ })).not.toBeChecked();
  await page.getByRole("checkbox", { name: /Phone number/ }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByTestId("granted-users")).toHaveText("No user has authorized this app yet.");
  await screenshot(page, info, "console-permissions");

  // An end user, in their own browser, sees whom they are trusting.
  const context = await browser.newContext();
  const user = await context.newPage();
  await user.goto(authorizationUrl(application, "openid email phone"));
  await expect(user.getByText("to continue to Acme Metrics")).toBeVisible();
  await signInOnProvider(user, userOf(info));
  await expect(user.getByRole("heading", { name: "Acme Metrics wants to access your account" })).toBeVisible();
  await expect(user.getByRole("img", { name: "Acme Metrics logo" })).toHaveAttribute("src", `${appOrigin}/logo.svg`);
  await expect(user.getByRole("link", { name: "terms" })).toHaveAttribute("href", `${appOrigin}/terms`);
  await expect(user.getByRole("link", { name: "privacy policy" })).toHaveAttribute("href", `${appOrigin}/privacy`);
  await expect(user.getByText("Your phone number")).toBeVisible();
  await expectAccessible(user);
  await screenshot(user, info, "consent-branded");
  await user.getByRole("button", { name: "Authorize" }).click();
  await user.waitForURL(`${redirectUri()}**`);

  // The user finds it among their connected apps, and takes the access back.
  await user.goto(`${server().url}/account`);
  await expect(user.getByRole("heading", { name: "Your account" })).toBeVisible();
  // This user may have connected other apps in other tests: look at this one's entry only.
  const entry = user.getByRole("listitem").filter({ hasText: "Acme Metrics" });
  await expect(entry.getByText(/Can see: .*Your phone number/)).toBeVisible();
  await expectAccessible(user);
  await screenshot(user, info, "account-connected-apps");
  await user.getByRole("button", { name: "Revoke access for Acme Metrics" }).click();
  await user.getByRole("dialog").getByRole("button", { name: "Revoke access" }).click();
  await expect(user.getByText("Acme Metrics no longer has access to your account.")).toBeVisible();
  await expect(user.getByRole("button", { name: "Revoke access for Acme Metrics" })).toHaveCount(0);
  await context.close();
});

test("Connect a service fills in this app's values and registers the service's redirect URI", async ({
  page,
}, info) => {
  await signInToConsole(page, info);
  const { application } = await createThirdParty(page, `Dashboards ${info.project.name}`);
  await page.goto(`${server().url}/applications/${application.id}/connect`);
  await page.getByRole("group", { name: "Service" }).getByText("Grafana").click();
  await page.getByLabel("Your Grafana's address").fill("https://grafana.example.com/");
  await expect(page.getByTestId("guide-redirect-uri")).toHaveText("https://grafana.example.com/login/generic_oauth");
  const snippet = page.getByTestId("guide-snippet");
  await expect(snippet).toContainText(`client_id = ${application.clientId}`);
  await expect(snippet).toContainText(`auth_url = ${server().issuer}/auth`);
  await expect(snippet).toContainText("client_secret = <client secret>");
  await page.getByRole("button", { name: "Add to this app's redirect URIs" }).click();
  await expect(page.getByText("Registered on this app")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, info, "console-connect");

  // Outline needs the app set differently; one click adjusts it.
  await page.getByRole("group", { name: "Service" }).getByText("Outline").click();
  await expect(page.getByText("It sends the client secret in the form body (client_secret_post).")).toBeVisible();
  await page.getByRole("button", { name: "Apply these settings" }).click();
  await expect(page.getByText("Outline needs this app set differently:")).toHaveCount(0);
  await page.getByRole("link", { name: "Tokens" }).click();
  // Outline sends only a state: the app must accept requests without PKCE or a nonce.
  await expect(page.getByLabel("PKCE", { exact: true })).toHaveValue("not_required");
  await expect(page.getByRole("checkbox", { name: /Always issue a refresh token/ })).toBeChecked();
  await expect(page.getByLabel("Token endpoint authentication")).toHaveValue("client_secret_post");
  // Require PAR (RFC 9126), off by default, saved from the same tab.
  const requirePar = page.getByRole("checkbox", { name: /Require pushed authorization requests/ });
  await expect(requirePar).not.toBeChecked();
  await requirePar.check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);

  const settings = await page.request.get(`${server().url}/api/v1/applications/${application.id}`);
  const saved = await settings.json();
  expect(saved.requirePar).toBe(true);
  expect(saved.redirectUris).toEqual([redirectUri(), "https://grafana.example.com/login/generic_oauth"]);
});
