import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { userFor } from "./global-setup";

export const userOf = (info: TestInfo) => userFor(info.project.name);

type App = { clientId: string; clientSecret?: string };
export const server = (): { url: string; issuer: string; redirect: string; wiki: App; portal: App } =>
  JSON.parse(process.env.LATCHKEY_E2E ?? "{}");

/** The app's redirect URI (a small page the test setup serves). */
export const redirectUri = () => server().redirect;

/** An authorization request with PKCE, as a real app would build it. */
export function authorizationUrl(app: App, scope = "openid profile email") {
  const verifier = randomBytes(32).toString("base64url");
  const url = new URL(`${server().issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: app.clientId,
    response_type: "code",
    redirect_uri: redirectUri(),
    scope,
    state: randomBytes(8).toString("hex"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  return url.href;
}

/** Saves a full-page screenshot as a test artifact, named by page and project (viewport). */
export async function screenshot(page: Page, info: TestInfo, name: string) {
  const path = `test-results/screenshots/${name}-${info.project.name}.png`;
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: "image/png" });
}

/** Fails on serious or critical accessibility violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
