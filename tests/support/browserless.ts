import * as oidc from "openid-client";

/**
 * A minimal browser for integration tests: a cookie jar, manual redirects, and helpers that
 * fill in Latchkey's real sign-in, consent and sign-out forms the way a browser would post them.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, string>();

  private store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const expired = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()),
      );
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  cookieNames() {
    return [...this.jar.keys()];
  }

  /** The Cookie header this browser sends (what someone who copied its cookies could replay). */
  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size) headers.set("cookie", this.cookieHeader());
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(response);
    return response;
  }

  /** Follows redirects from `url` until a page answers, or the next hop leaves for `stopAt`. */
  async follow(url: string, stopAt?: string, init?: RequestInit): Promise<{ url: string; response?: Response }> {
    let current = url;
    let response = await this.fetch(current, init);
    for (let hops = 0; hops < 20; hops++) {
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      current = new URL(location, current).href;
      if (stopAt && current.startsWith(stopAt)) return { url: current };
      response = await this.fetch(current);
    }
    throw new Error("too many redirects");
  }

  /** Posts a form like a browser without JavaScript would. */
  async submit(url: string, fields: Record<string, string>, stopAt?: string) {
    return this.follow(url, stopAt, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(url).origin },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no ${name} field on the page: ${textOf(html).slice(0, 300)}`);
  return match[1];
}

export type Page = { url: string; html: string; status: number };

async function page(result: { url: string; response?: Response }): Promise<Page | { url: string; redirected: true }> {
  if (!result.response) return { url: result.url, redirected: true };
  return { url: result.url, html: await result.response.text(), status: result.response.status };
}

/**
 * Runs an authorization request through Latchkey's pages: signs in with the given credentials
 * and, when the consent page shows, answers it. Returns the URL the app was sent back to.
 */
export async function authorize(
  browser: CookieBrowser,
  authorizationUrl: string,
  redirectUri: string,
  options: {
    email?: string;
    password?: string;
    consent?: "confirm" | "abort";
    onPage?: (p: Page) => void;
    /** What to type on the second-factor page (a code, or a recovery code), and on the page setting up an app. */
    secondFactor?: (p: Page) => string;
  } = {},
): Promise<string> {
  let step = await page(await browser.follow(authorizationUrl, redirectUri));
  for (let i = 0; i < 6; i++) {
    if ("redirected" in step) return step.url;
    options.onPage?.(step);
    const csrf = hiddenField(step.html, "csrf");
    // A page rendered in answer to a post (the recovery codes) has the post's address.
    const base = step.url.split("?")[0].replace(/\/(second-factor|enrol)$/, "");
    const path = new URL(base).pathname;
    const html = step.html;
    const twoFactorAction = ["second-factor", "enrol", "enrolled"].find((a) => html.includes(`action="${path}/${a}"`));
    if (twoFactorAction) {
      if (twoFactorAction !== "enrolled" && !options.secondFactor) {
        throw new Error(`the sign-in asked for a second factor (${twoFactorAction}); pass secondFactor`);
      }
      const code = twoFactorAction === "enrolled" ? "" : (options.secondFactor?.(step) ?? "");
      const method: Record<string, string> = html.includes('name="method" value="recovery"')
        ? { method: "recovery" }
        : {};
      step = await page(await browser.submit(`${base}/${twoFactorAction}`, { csrf, code, ...method }, redirectUri));
    } else if (step.html.includes(`action="${path}/login"`)) {
      step = await page(
        await browser.submit(
          `${base}/login`,
          { email: options.email ?? "", password: options.password ?? "", csrf },
          redirectUri,
        ),
      );
    } else {
      const action = options.consent ?? "confirm";
      step = await page(await browser.submit(`${base}/${action}`, { csrf }, redirectUri));
    }
  }
  throw new Error(
    `the flow did not return to the app; last page: ${"html" in step ? textOf(step.html).slice(0, 500) : step.url}`,
  );
}

/**
 * Signs in on a sign-in page already open in `browser` (its interaction uid and HTML) as a plain
 * form post, answers the consent page if one follows, and returns the URL the app was sent back to.
 */
export async function signInOnPage(
  browser: CookieBrowser,
  appUrl: string,
  uid: string,
  html: string,
  credentials: { email: string; password: string },
  redirectUri: string,
): Promise<string> {
  const done = await browser.submit(
    `${appUrl}/interaction/${uid}/login`,
    { ...credentials, csrf: hiddenField(html, "csrf") },
    redirectUri,
  );
  if (done.url.includes("code=")) return done.url;
  // Consent is an interaction of its own (a new uid): answer it where it is.
  const consent = hiddenField((await done.response?.text()) ?? "", "csrf");
  return (await browser.submit(`${done.url.split("?")[0]}/confirm`, { csrf: consent }, redirectUri)).url;
}

/** The visible text of a page: scripts, comments and tags removed, white space collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Opens a password link from an email (reset or invitation) and posts its form as a browser
 * without script would: the new password, typed twice. When the link shows no form (a dead
 * link), returns that page instead of posting.
 */
export async function choosePasswordByLink(
  browser: CookieBrowser,
  link: string,
  password: string,
  confirmPassword = password,
) {
  const form = await browser.fetch(link);
  const html = await form.text();
  if (form.status !== 200 || !html.includes('name="token"'))
    return { status: form.status, formHtml: html, html, location: null };
  const url = new URL(link);
  const response = await browser.fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url.origin },
    body: new URLSearchParams({
      csrf: hiddenField(html, "csrf"),
      token: hiddenField(html, "token"),
      password,
      confirmPassword,
    }).toString(),
  });
  return {
    status: response.status,
    formHtml: html,
    html: await response.text(),
    location: response.headers.get("location"),
  };
}

/**
 * Opens an email-change link and presses its button, as a person does: opening alone changes
 * nothing (mail scanners open links). Returns the answer to the press, or the link's own page
 * when it shows no button (a dead link).
 */
export async function confirmEmailChangeByLink(browser: CookieBrowser, link: string) {
  const opened = await browser.fetch(link);
  const html = await opened.text();
  if (opened.status !== 200 || !html.includes('name="token"')) return { status: opened.status, html, opened: html };
  const url = new URL(link);
  const response = await browser.fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url.origin },
    body: new URLSearchParams({ csrf: hiddenField(html, "csrf"), token: hiddenField(html, "token") }).toString(),
  });
  return { status: response.status, html: await response.text(), opened: html };
}

/**
 * A fresh authorization code for `clientId` with its PKCE verifier, through Latchkey's pages
 * (signing in with `credentials` when the browser has no session yet; consent asked every time).
 */
export async function codeWithPkce(
  browser: CookieBrowser,
  issuer: string,
  client: { clientId: string; redirectUri: string; scope: string },
  credentials: { email?: string; password?: string } = {},
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = new URL(`${issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: client.clientId,
    response_type: "code",
    redirect_uri: client.redirectUri,
    scope: client.scope,
    prompt: "consent",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  }).toString();
  const callback = await authorize(browser, url.href, client.redirectUri, credentials);
  return { code: new URL(callback).searchParams.get("code") ?? "", verifier };
}
