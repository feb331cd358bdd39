import { CookieBrowser, hiddenField } from "./browserless";

export type SignInAttempt = { status: number; retryAfter?: number; location?: string; response: Response };

/**
 * Opens Latchkey's sign-in page (for the account page's built-in client) and returns a way to
 * post credentials to it as many times as a test needs. A failed attempt leaves the sign-in
 * open, so one page serves a whole series of guesses, as it would for an attacker.
 * `target` posts to another instance sharing the database (the interaction lives there too).
 */
export async function openSignIn(appUrl: string) {
  const browser = new CookieBrowser();
  const { csrfToken } = (await (await browser.fetch(`${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await browser.fetch(`${appUrl}/api/auth/signin/latchkey-account`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: appUrl },
    body: new URLSearchParams({ csrfToken, callbackUrl: appUrl, json: "true" }).toString(),
  });
  const { url } = (await start.json()) as { url: string };
  const landed = await browser.follow(url);
  if (landed.response?.status !== 200) throw new Error(`no sign-in page at ${landed.url}`);
  const html = await landed.response.text();
  const csrf = hiddenField(html, "csrf");
  const path = new URL(landed.url).pathname;

  async function attempt(
    email: string,
    password: string,
    options: { forwardedFor?: string; target?: string; form?: boolean } = {},
  ): Promise<SignInAttempt> {
    const target = options.target ?? appUrl;
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", origin: target };
    if (!options.form) headers.accept = "application/json";
    if (options.forwardedFor) headers["x-forwarded-for"] = options.forwardedFor;
    const response = await browser.fetch(`${target}${path}/login`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ email, password, csrf }).toString(),
    });
    if (options.form) {
      return { status: response.status, location: response.headers.get("location") ?? undefined, response };
    }
    const body = (await response.json()) as { retryAfter?: number; location?: string };
    return { status: response.status, retryAfter: body.retryAfter, location: body.location, response };
  }

  // `authorizationUrl`: the request that led to the page, to make again.
  return { browser, authorizationUrl: url, pageUrl: landed.url, html, response: landed.response, attempt };
}
