import { authorize, CookieBrowser } from "./browserless";

/**
 * Signs a CookieBrowser in to Latchkey's own pages the way a browser does: next-auth's sign-in
 * for the console ("latchkey") or the account page ("latchkey-account"), then the provider's
 * sign-in page. Returns the browser, now holding the session cookie.
 */
export async function signInToPages(
  appUrl: string,
  credentials: { email: string; password: string },
  provider: "latchkey" | "latchkey-account" = "latchkey",
  browser = new CookieBrowser(),
): Promise<CookieBrowser> {
  const { csrfToken } = (await (await browser.fetch(`${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await browser.fetch(`${appUrl}/api/auth/signin/${provider}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: appUrl },
    body: new URLSearchParams({ csrfToken, callbackUrl: appUrl, json: "true" }).toString(),
  });
  const { url } = (await start.json()) as { url: string };
  const callback = await authorize(browser, url, `${appUrl}/api/auth/callback/`, credentials);
  await browser.follow(callback);
  return browser;
}

/** A JSON call to Latchkey's API as the signed-in browser, from its own origin. */
export async function callApi(browser: CookieBrowser, appUrl: string, method: string, path: string, body?: unknown) {
  const response = await browser.fetch(`${appUrl}${path}`, {
    method,
    headers: { origin: appUrl, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
