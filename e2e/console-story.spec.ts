import { expect, test } from "@playwright/test";
import * as oidc from "openid-client";
import { clientAuth } from "../tests/support/oidc-client";
import { acknowledgeSecret, redirectUri, server, signInOnProvider, signInToConsole, userOf } from "./support";

/**
 * The whole story an admin lives: register a third-party app in the console, copy its values
 * into "the service", and that service, configured with nothing else, signs a user in.
 */
test("a service configured only with values copied from the console signs a user in", async ({
  page,
  browser,
}, info) => {
  await signInToConsole(page, info);
  await page.goto(`${server().url}/applications?tab=third-party`);
  await page.getByRole("button", { name: "Create application" }).first().click();
  const wizard = page.getByRole("dialog", { name: "Create an application" });
  await expect(wizard.getByLabel("Third-party OIDC")).toBeChecked();
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByLabel("Name").fill(`Team Wiki ${info.project.name}`);
  await wizard.getByRole("button", { name: "Create application" }).click();
  await page.waitForURL(/\/applications\/[a-z0-9]+$/);

  // What the admin copies into the service's settings.
  const clientId = (await page.getByTestId("client-id").textContent()) ?? "";
  const clientSecret = (await page.getByTestId("new-client-secret").textContent()) ?? "";
  const discoveryUrl = (await page.getByTestId("discovery-url").textContent()) ?? "";
  expect(clientId).toMatch(/^[a-z0-9]{21}$/);
  await acknowledgeSecret(page);

  // ...and the redirect URI the service shows them, added in the console.
  await page.getByRole("button", { name: "Add a URI" }).first().click();
  await page.getByRole("textbox", { name: "Redirect URIs, row 1" }).fill(redirectUri());
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();

  // The service: a real OpenID client library that knows only those values.
  const config = await oidc.discovery(new URL(discoveryUrl), clientId, clientSecret, clientAuth(clientSecret), {
    execute: [oidc.allowInsecureRequests],
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(),
    scope: "openid profile email",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
  });

  // An end user, in a browser of their own.
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await userPage.goto(authorizationUrl.href);
  await signInOnProvider(userPage, userOf(info));
  await expect(
    userPage.getByRole("heading", { name: `Team Wiki ${info.project.name} wants to access your account` }),
  ).toBeVisible();
  await userPage.getByRole("button", { name: "Authorize" }).click();
  await userPage.waitForURL(`${redirectUri()}**`);

  const tokens = await oidc.authorizationCodeGrant(config, new URL(userPage.url()), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  const claims = tokens.claims();
  expect(claims?.email).toBe(userOf(info).email);
  expect(claims?.aud).toBe(clientId);
  const profile = await oidc.fetchUserInfo(config, tokens.access_token, claims?.sub ?? "");
  expect(profile.name).toBe("Lin Wei");
  await userContext.close();
});
