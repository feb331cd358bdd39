import * as oidc from "openid-client";
import { beforeAll, describe, expect, it } from "vitest";
import { adminServerFor } from "../support/admin-server";
import { CookieBrowser, hiddenField, textOf } from "../support/browserless";
import { databaseKinds } from "../support/databases";
import { discoverClient, oauthErrorOf } from "../support/oidc-client";
import { runCliAsync } from "../support/server";

const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const USER = { email: "ida@example.com", password: "correct horse battery" };
/** base-20: consonants without look-alikes, as BCDF-GHJK. */
const USER_CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;

type Step = { url: string; html: string; status: number };

/**
 * The device authorization grant (RFC 8628) as a TV or a command-line tool uses it through
 * openid-client, with the person's part done in a browser without JavaScript: the code typed at
 * /oidc/device, Latchkey's sign-in and consent, and the success page.
 */
describe.each(databaseKinds)("the device authorization grant on %s", (kind) => {
  const fixture = adminServerFor(kind, ADMIN);
  beforeAll(async () => {
    // Not the synchronous cli(): while it blocks this process, the server may close the admin's
    // idle keep-alive connection, and the next API call would reuse a dead one ("other side closed").
    const user = ["users", "create", "--email", USER.email, "--password", USER.password];
    expect((await runCliAsync(fixture.server.databaseUrl, user)).status).toBe(0);
  });

  async function createApp(body: Record<string, unknown>) {
    const created = await fixture.api("POST", "/applications", body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { clientId } = (created.body as { application: { clientId: string } }).application;
    return { clientId, config: await discoverClient(fixture.server.issuer, clientId) };
  }
  const deviceApp = (name: string) => createApp({ type: "native", name, deviceFlow: true });

  async function open(browser: CookieBrowser, url: string, init?: RequestInit): Promise<Step> {
    const { url: at, response } = await browser.follow(url, undefined, init);
    if (!response) throw new Error(`${url} left the server`);
    return { url: at, html: await response.text(), status: response.status };
  }
  const post = (browser: CookieBrowser, url: string, fields: Record<string, string>) =>
    open(browser, url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(url).origin },
      body: new URLSearchParams(fields).toString(),
    });

  /** Signs in and consents on Latchkey's pages until a page without a form token answers. */
  async function signInAndConsent(browser: CookieBrowser, first: Step, onConsent: (s: Step) => void): Promise<Step> {
    let step = first;
    for (let i = 0; i < 4; i++) {
      if (!step.html.includes('name="csrf"')) return step;
      const csrf = hiddenField(step.html, "csrf");
      const base = step.url.split("?")[0];
      if (step.html.includes(`action="${new URL(base).pathname}/login"`)) {
        step = await post(browser, `${base}/login`, { ...USER, csrf });
      } else {
        onConsent(step);
        step = await post(browser, `${base}/confirm`, { csrf });
      }
    }
    throw new Error(`the flow did not finish; last page: ${textOf(step.html).slice(0, 300)}`);
  }

  it("is advertised in discovery, refused to apps without it, and a setting of native apps only", async () => {
    const { config } = await createApp({ type: "native", name: "No device", redirectUris: ["http://127.0.0.1/cb"] });
    expect(config.serverMetadata().device_authorization_endpoint).toBe(`${fixture.server.issuer}/device/auth`);
    // RFC 8628 §3.2: unauthorized_client (oidc-provider alone says invalid_request).
    expect(await oauthErrorOf(oidc.initiateDeviceAuthorization(config, { scope: "openid" }))).toBe(
      "unauthorized_client",
    );
    const web = await fixture.api("POST", "/applications", { type: "traditional", name: "Web", deviceFlow: true });
    expect(web.status).toBe(400);
    expect(JSON.stringify(web.body)).toContain("deviceFlow");
    expect(JSON.stringify(web.body)).toContain("Only native apps have this setting");
  });

  it("signs a user in with a typed code (a wrong one first) while openid-client polls to tokens", async () => {
    const { config } = await deviceApp("Living-room TV");
    const auth = await oidc.initiateDeviceAuthorization(config, { scope: "openid email" });
    expect(auth.user_code).toMatch(USER_CODE);
    expect(auth.verification_uri).toBe(`${fixture.server.issuer}/device`);
    expect(auth.verification_uri_complete).toBe(`${auth.verification_uri}?user_code=${auth.user_code}`);
    expect(auth.interval).toBe(5);
    // Polls from now on, waiting `interval` between polls (authorization_pending meanwhile).
    const polled = oidc.pollDeviceAuthorizationGrant(config, auth).then(
      (tokens) => ({ tokens }),
      (error: unknown) => ({ error }),
    );

    const browser = new CookieBrowser();
    const input = await open(browser, auth.verification_uri);
    expect(input.status).toBe(200);
    expect(textOf(input.html)).toContain("Enter the code shown on your TV");

    const wrong = await post(browser, auth.verification_uri, {
      xsrf: hiddenField(input.html, "xsrf"),
      user_code: "BCDF-BCDF",
    });
    expect(textOf(wrong.html)).toContain("That code is not right");
    expect(wrong.html).toContain('aria-invalid="true"');

    // The page shown again works: its form token was kept. Case and dash do not matter.
    const typed = auth.user_code.toLowerCase().replace("-", "");
    const confirm = await post(browser, auth.verification_uri, {
      xsrf: hiddenField(wrong.html, "xsrf"),
      user_code: typed,
    });
    expect(textOf(confirm.html)).toContain("Living-room TV asks to connect");
    expect(textOf(confirm.html)).toContain(auth.user_code);

    const signIn = await post(browser, auth.verification_uri, {
      xsrf: hiddenField(confirm.html, "xsrf"),
      user_code: hiddenField(confirm.html, "user_code"),
      confirm: "yes",
    });
    expect(new URL(signIn.url).pathname).toMatch(/^\/interaction\//);
    let consentText = "";
    const done = await signInAndConsent(browser, signIn, (step) => {
      consentText = textOf(step.html);
    });
    expect(consentText).toContain("Living-room TV");
    expect(done.status).toBe(200);
    expect(textOf(done.html)).toContain("You are signed in to Living-room TV on your device");

    const result = await polled;
    if ("error" in result) throw result.error;
    expect(result.tokens.access_token).toBeTruthy();
    expect(result.tokens.claims()?.email).toBe(USER.email);
  });

  it("answers a device polling too fast with slow_down, and one on time with authorization_pending", async () => {
    const { clientId, config } = await deviceApp("Kitchen display");
    const auth = await oidc.initiateDeviceAuthorization(config, { scope: "openid" });
    const poll = async () => {
      const response = await fetch(config.serverMetadata().token_endpoint as string, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "urn:ietf:params:oauth:grant-type:device_code",
          device_code: auth.device_code,
          client_id: clientId,
        }),
      });
      return { status: response.status, error: ((await response.json()) as { error?: string }).error };
    };
    expect(await poll()).toEqual({ status: 400, error: "authorization_pending" });
    expect(await poll()).toEqual({ status: 400, error: "slow_down" });
  });

  it("fills the code in from verification_uri_complete without script, and Cancel denies the device", async () => {
    const { config } = await deviceApp("Garage terminal");
    const auth = await oidc.initiateDeviceAuthorization(config, { scope: "openid" });
    const browser = new CookieBrowser();
    const input = await open(browser, auth.verification_uri_complete as string);
    expect(input.status).toBe(200);
    expect(input.html).toContain(`value="${auth.user_code}"`);
    expect(input.html).not.toContain("document.forms[0].submit");

    const confirm = await post(browser, auth.verification_uri, {
      xsrf: hiddenField(input.html, "xsrf"),
      user_code: auth.user_code,
    });
    const cancelled = await post(browser, auth.verification_uri, {
      xsrf: hiddenField(confirm.html, "xsrf"),
      user_code: auth.user_code,
      abort: "yes",
    });
    expect(textOf(cancelled.html)).toContain("Sign-in for the device was cancelled");
    expect(await oauthErrorOf(oidc.pollDeviceAuthorizationGrant(config, auth))).toBe("access_denied");
  });
});
