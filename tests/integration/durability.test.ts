import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, freshDatabases, postgresDatabase } from "../support/databases";
import { createDatabase, type Postgres, startPostgres } from "../support/postgres";
import { startServer, type TestServer } from "../support/server";
import { openSignIn } from "../support/sign-in-attempts";
import { createM2mApp, eventually, inactiveTokens, introspect, requestToken, tokenBurst } from "../support/tokens";

// "Issued means stored": a client_credentials token is answered only once it is committed, so
// no crash, outage or other instance ever sees an answered token missing.
describe("issued tokens are stored", () => {
  const freshDatabase = freshDatabases();

  it.each(databaseKinds)("loses no answered token when the server is killed mid-burst (%s)", async (kind) => {
    const { url } = await freshDatabase(kind);
    let server = await startServer(url);
    const app = await createM2mApp(server);
    const burst = await tokenBurst(server.issuer, app, {
      workers: 16,
      deadlineMs: 60_000,
      // SIGKILL with requests still in flight: the ones answered 200 must all survive.
      disrupt: {
        when: (answers) => answers.filter((a) => a.status === 200).length >= 150,
        act: () => server.kill("SIGKILL"),
      },
    });
    expect(burst.disrupted).toBe(true);
    expect(burst.answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(await server.exited).toBe("SIGKILL");

    server = await startServer(url);
    try {
      expect(burst.tokens.length).toBeGreaterThanOrEqual(150);
      expect(await inactiveTokens(server.issuer, app, burst.tokens)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it("makes a token issued on one instance active on another at once, and on its API", async () => {
    const url = await postgresDatabase();
    const a = await startServer(url);
    // Behind one proxy both instances answer for the same public URL.
    const b = await startServer(url, { APP_URL: a.url });
    try {
      const app = await createM2mApp(a, "--scope", "management");
      for (let round = 0; round < 30; round++) {
        const response = await requestToken(a.issuer, app);
        expect(response.status).toBe(200);
        const { access_token } = (await response.json()) as { access_token: string };
        expect(await introspect(`${b.url}/oidc`, app, access_token)).toBe(true);
      }
      for (let round = 0; round < 10; round++) {
        const response = await requestToken(a.issuer, app, { resource: `${a.url}/api`, scope: "management" });
        const { access_token } = (await response.json()) as { access_token: string };
        const api = await fetch(`${b.url}/api/v1/applications`, {
          headers: { authorization: `Bearer ${access_token}` },
        });
        expect(api.status).toBe(200);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

// Outages on PostgreSQL: a server of its own, stopped and frozen under the running instance.
describe("with the database down", () => {
  let postgres: Postgres;
  let server: TestServer;
  beforeAll(async () => {
    postgres = await startPostgres();
    server = await startServer(await createDatabase(postgres.url), {
      DATABASE_CONNECT_TIMEOUT_SECONDS: "1",
      DATABASE_STATEMENT_TIMEOUT_SECONDS: "1",
    });
  });
  afterAll(async () => {
    postgres?.thaw();
    await server?.stop();
    postgres?.stop();
  });

  // Recovered: a new app gets a token, and the token is found (connections made while the
  // database was still starting up may fail once more before that).
  const recovered = () =>
    eventually("the token endpoint and introspection to answer again", async () => {
      const app = await createM2mApp(server);
      const response = await requestToken(server.issuer, app);
      if (response.status !== 200) return false;
      return introspect(server.issuer, app, ((await response.json()) as { access_token: string }).access_token);
    });

  it("answers 503 temporarily_unavailable, never 200 for a token it did not store, and recovers", async () => {
    const app = await createM2mApp(server);
    const burst = await tokenBurst(server.issuer, app, {
      workers: 8,
      deadlineMs: 60_000,
      disrupt: {
        when: (answers) => answers.length >= 100,
        // pg_ctl waits for the stop, blocking this process for a moment: requests keep flowing to the server.
        act: () => setImmediate(() => postgres.halt()),
      },
      stop: (answers) => answers.filter((a) => a.status === 503).length >= 30,
    });
    try {
      expect(burst.failures).toEqual([]);
      const refused = burst.answers.filter((a) => a.status !== 200);
      expect(refused.length).toBeGreaterThanOrEqual(30);
      for (const answer of refused) {
        expect(answer).toMatchObject({ status: 503, body: { error: "temporarily_unavailable" } });
        expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      }
    } finally {
      postgres.start();
    }
    // Back without a restart, and every token it answered 200 is there.
    await recovered();
    expect(await inactiveTokens(server.issuer, app, burst.tokens)).toEqual([]);
  });

  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const result = await work();
    return { result, ms: performance.now() - started };
  };

  it("answers 503 within the timeouts when the database is frozen", async () => {
    const app = await createM2mApp(server);
    expect((await requestToken(server.issuer, app)).status).toBe(200);
    postgres.freeze();
    try {
      const [token, health, page, api] = await Promise.all([
        timed(() => requestToken(server.issuer, app)),
        timed(() => fetch(`${server.url}/healthz`)),
        timed(() => fetch(`${server.url}/applications`)),
        timed(() => fetch(`${server.url}/api/v1/applications`)),
      ]);
      // Timeouts are 1 s to connect and 1 s a statement: a write may take both, plus a second's margin.
      expect(token.result.status).toBe(503);
      expect(await token.result.json()).toMatchObject({ error: "temporarily_unavailable" });
      expect(token.result.headers.get("retry-after")).toBeTruthy();
      expect(token.ms).toBeLessThan(8_000);
      expect(health.result.status).toBe(503);
      expect(health.ms).toBeLessThan(5_000);
      expect(page.result.status).toBe(503);
      expect(page.result.headers.get("retry-after")).toBeTruthy();
      expect(await page.result.text()).toContain("try again shortly");
      expect(page.ms).toBeLessThan(5_000);
      expect(api.result.status).toBe(503);
      expect(api.result.headers.get("content-type")).toContain("application/problem+json");
      expect(api.ms).toBeLessThan(5_000);
    } finally {
      postgres.thaw();
    }
    await recovered();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
  // A sign-in's steps store oidc-provider's objects and the throttle's counters with prepared
  // statements on connections of their own (lib/db/direct-sql.ts): a frozen database must cost
  // them no more than the same timeouts.
  it("refuses an authorization request and a sign-in form as unavailable within the timeouts when the database is frozen", async () => {
    const signIn = await openSignIn(server.url);
    postgres.freeze();
    try {
      const [authorization, login] = await Promise.all([
        timed(() => signIn.browser.fetch(signIn.authorizationUrl)),
        timed(() => signIn.attempt("someone@example.com", "not-the-password", { form: true })),
      ]);
      // Timeouts are 1 s to connect and 1 s a statement; a step may meet both, plus a second's margin.
      // The authorization request goes back to the app, with the error OAuth names for this.
      expect(authorization.result.status).toBe(303);
      const back = new URL(authorization.result.headers.get("location") ?? "", server.url);
      expect(back.searchParams.get("error")).toBe("temporarily_unavailable");
      expect(authorization.ms).toBeLessThan(8_000);
      expect(login.result.status).toBe(503);
      expect(login.result.response.headers.get("retry-after")).toBeTruthy();
      expect(login.ms).toBeLessThan(8_000);
    } finally {
      postgres.thaw();
    }
    await recovered();
    await eventually("the sign-in page to answer again", async () => (await fetch(signIn.pageUrl)).status !== 503);
  });
});
