import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CookieBrowser, textOf } from "../support/browserless";
import { callApi, signInToPages } from "../support/pages-session";
import { startServer, type TestServer, tempSqlite } from "../support/server";
import { openSignIn } from "../support/sign-in-attempts";

const ADMIN = { email: "root@example.com", password: "admin-passphrase" };
const USER = { email: "grace@example.com", password: "correct horse battery" };
/**
 * Behind one trusted proxy (TRUST_PROXY=true, the setting as it existed before hops): every
 * request here carries an X-Forwarded-For entry the client forged on the left, then the address
 * the proxy appended. Each test uses its own client address, so the throttle state of one never
 * affects another. (Counting more hops is covered by tests/unit/forwarded.test.ts.)
 */
describe("sign-in behind proxies, throttling, redirects and headers", () => {
  let server: TestServer;
  let cleanup: () => void;
  let admin: CookieBrowser;
  let addresses = 0;
  const newAddress = () => `203.0.113.${++addresses}`;
  const forwarded = (forged: string, real: string) => `${forged}, ${real}`;

  beforeAll(async () => {
    const db = tempSqlite();
    cleanup = db.cleanup;
    server = await startServer(db.url, { TRUST_PROXY: "true" });
    expect((await server.cli("admins", "create", "--email", ADMIN.email, "--password", ADMIN.password)).status).toBe(0);
    expect((await server.cli("users", "create", "--email", USER.email, "--password", USER.password)).status).toBe(0);
    admin = await signInToPages(server.url, ADMIN);
  });

  afterAll(async () => {
    await server?.stop();
    cleanup?.();
  });

  it("records the address the trusted proxies saw, not the one the client wrote on the left", async () => {
    const real = newAddress();
    const email = `nobody-${real}@example.com`;
    const signIn = await openSignIn(server.url);
    expect((await signIn.attempt(email, "wrong", { forwardedFor: forwarded("6.6.6.6", real) })).status).toBe(400);
    const audit = await callApi(admin, server.url, "GET", "/api/v1/audit?type=sign_in.failed&pageSize=100");
    expect(audit.status).toBe(200);
    const event = (audit.body.items as { actor: string; ip: string }[]).find((item) => item.actor === email);
    expect(event?.ip).toBe(real);
  });

  it("slows one address that sprays many accounts however it rotates the left of X-Forwarded-For", async () => {
    const real = newAddress();
    const signIn = await openSignIn(server.url);
    const statuses: number[] = [];
    let refused: { retryAfter?: number; header: string | null } | undefined;
    for (let i = 0; i < 30; i++) {
      const result = await signIn.attempt(`spray-${i}-${real}@example.com`, "Winter2026!", {
        forwardedFor: forwarded(`198.18.${i}.1`, real),
      });
      statuses.push(result.status);
      if (result.status === 429)
        refused ??= { retryAfter: result.retryAfter, header: result.response.headers.get("retry-after") };
    }
    // The first tries are ordinary failures; then the address has to wait between tries.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses).toContain(429);
    expect(refused?.retryAfter).toBeGreaterThan(0);
    expect(refused?.header).toBe(String(refused?.retryAfter));
  });

  it("still lets a user in from an address that made-up emails are being tried from", async () => {
    const real = newAddress();
    const from = { forwardedFor: forwarded("192.0.2.1", real) };
    // Grace has signed in from this address before.
    const first = await openSignIn(server.url);
    expect((await first.attempt(USER.email, USER.password, from)).status).toBe(200);

    const attacker = await openSignIn(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      statuses.push((await attacker.attempt(`made-up-${i}-${real}@example.com`, "guess", from)).status);
    }
    const again = await openSignIn(server.url);
    const result = await again.attempt(USER.email, USER.password, from);
    expect(result.status).toBe(200);
    expect(result.location).toBeTruthy();
    // ...while the address itself was being slowed.
    expect(statuses).toContain(429);
  });

  it("backs off one account whatever address the guesses come from, and says when to try again", async () => {
    const email = `target-${newAddress()}@example.com`;
    const signIn = await openSignIn(server.url);
    for (let i = 0; i < 5; i++) {
      const from = { forwardedFor: forwarded("192.0.2.9", newAddress()) };
      expect((await signIn.attempt(email, `guess-${i}`, from)).status).toBe(400);
    }
    // A sixth address, never seen before: the account itself must wait now.
    const from = { forwardedFor: forwarded("192.0.2.9", newAddress()) };
    const refused = await signIn.attempt(email, "guess-5", from);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBeGreaterThan(0);

    // Without JavaScript: a redirect back to the page, which tells when to try again.
    const form = await signIn.attempt(email, "guess-6", { ...from, form: true });
    expect(form.status).toBe(303);
    expect(form.response.headers.get("cache-control")).toBe("no-store");
    const page = await signIn.browser.fetch(new URL(form.location ?? "", server.url).href);
    expect(textOf(await page.text())).toMatch(/Too many failed attempts\. Try again in \d+ seconds?\./);
    const korean = await signIn.browser.fetch(new URL(form.location ?? "", server.url).href, {
      headers: { "accept-language": "ko" },
    });
    expect(textOf(await korean.text())).toMatch(/\d+초 후에 다시 시도하세요/);
  });

  it("checks a burst of parallel guesses for one account one after another, so the backoff holds", async () => {
    const email = `burst-${newAddress()}@example.com`;
    const signIn = await openSignIn(server.url);
    const from = { forwardedFor: forwarded("192.0.2.7", newAddress()) };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn.attempt(email, `parallel-guess-${i}`, from)),
    );
    const statuses = results.map((result) => result.status).sort();
    // Five free failures, then the account waits: the other fifteen never reach the password check.
    expect(statuses).toEqual([...Array(5).fill(400), ...Array(15).fill(429)]);
  });

  it("checks a parallel burst of guesses at many accounts from one address against a count that grows", async () => {
    const real = newAddress();
    const signIn = await openSignIn(server.url);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn.attempt(`parallel-spray-${i}-${real}@example.com`, "Winter2026!", {
          forwardedFor: forwarded(`198.19.${i}.1`, real),
        }),
      ),
    );
    const statuses = results.map((result) => result.status);
    // Ten accounts may be got wrong for free; the others are refused before any password check.
    // Past ten, the address waits 2 s after its last failure, then 4 s, 8 s...: on a machine so
    // busy that the burst itself lasts longer than that, a late guess is rightly let through.
    const lateGuesses = guessesAllowedWithin(performance.now() - started);
    const wrong = statuses.filter((status) => status === 400).length;
    expect(
      statuses.filter((status) => status !== 400 && status !== 429),
      "only 400 or 429",
    ).toEqual([]);
    expect(
      wrong,
      `wrong passwords checked (burst took ${Math.round(performance.now() - started)} ms)`,
    ).toBeGreaterThanOrEqual(10);
    expect(wrong).toBeLessThanOrEqual(10 + lateGuesses);
  });

  it("answers a failed sign-in form post with a redirect no cache may keep", async () => {
    const signIn = await openSignIn(server.url);
    const from = { forwardedFor: forwarded("192.0.2.3", newAddress()), form: true };
    const result = await signIn.attempt("someone@example.com", "wrong", from);
    expect(result.status).toBe(303);
    expect(result.response.headers.get("cache-control")).toBe("no-store");
  });

  it("sends HSTS only when the trusted proxy says the client used https", async () => {
    const viaHttps = await fetch(`${server.url}/oidc/.well-known/openid-configuration`, {
      headers: { "x-forwarded-proto": "https" },
    });
    expect(viaHttps.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    const page = await fetch(`${server.url}/account`, { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    const plain = await fetch(`${server.url}/account`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });

  it("allows only scripts carrying this response's nonce on the sign-in page", async () => {
    const pages = [await openSignIn(server.url), await openSignIn(server.url)];
    const nonces = pages.map(({ response, html }) => {
      const policy = response.headers.get("content-security-policy") ?? "";
      const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=_-]+)'/.exec(policy)?.[1];
      expect(nonce, policy).toBeTruthy();
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("returns a signed-in admin only to places on this site", async () => {
    const origin = new URL(server.url).origin;
    for (const callbackUrl of [
      "/%09/evil.example/phish",
      "/%0a/evil.example",
      "/%5C%5Cevil.example",
      "//evil.example",
    ]) {
      const response = await admin.fetch(`${server.url}/sign-in?callbackUrl=${callbackUrl}`);
      expect(response.status, callbackUrl).toBeGreaterThanOrEqual(300);
      expect(response.status, callbackUrl).toBeLessThan(400);
      const location = response.headers.get("location") ?? "";
      // Read the way a browser reads it: tabs and newlines dropped, backslashes as slashes.
      expect(new URL(location, server.url).origin, `${callbackUrl} -> ${location}`).toBe(origin);
    }
    const inside = await admin.fetch(`${server.url}/sign-in?callbackUrl=${encodeURIComponent("/users?q=ada")}`);
    expect(inside.headers.get("location")).toMatch(/\/users\?q=ada$/);
  });
});

/** How many more guesses the default policy lets through in `ms` after the tenth (2 s, then 4 s, 8 s...). */
function guessesAllowedWithin(ms: number): number {
  let allowed = 0;
  for (let wait = 2_000, at = wait; at <= ms; wait *= 2, at += wait) allowed++;
  return allowed;
}
