import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDatabase } from "../support/databases";
import { startServer, type TestServer } from "../support/server";
import { openSignIn } from "../support/sign-in-attempts";
import { waitFor } from "../support/wait";

const USER = { email: "ada@example.com", password: "correct horse battery" };

/** Two instances on one PostgreSQL database, as a cluster behind a load balancer runs. */
describe("the sign-in throttle across instances", () => {
  let databaseUrl: string;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    databaseUrl = await postgresDatabase();
    // The purge runs every second here, so the test of it does not wait long.
    first = await startServer(databaseUrl, { PURGE_INTERVAL_SECONDS: "1" });
    second = await startServer(databaseUrl);
    expect((await first.cli("users", "create", "--email", USER.email, "--password", USER.password)).status).toBe(0);
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it("counts failures on either instance together, and refuses on both once the account must wait", async () => {
    const signIn = await openSignIn(first.url);
    // Five wrong passwords, spread over both instances: each instance saw at most three.
    for (const target of [first.url, second.url, first.url, second.url, first.url]) {
      expect((await signIn.attempt(USER.email, "wrong password", { target })).status).toBe(400);
    }
    for (const target of [second.url, first.url]) {
      const refused = await signIn.attempt(USER.email, USER.password, { target });
      expect(refused.status, target).toBe(429);
      expect(refused.retryAfter).toBeGreaterThan(0);
    }
    // Another account from the same address is not affected.
    const other = await signIn.attempt("someone-else@example.com", "x", { target: second.url });
    expect(other.status).toBe(400);
  });

  it("lets the background purge delete counters that have expired", async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // Days away, so no time zone handling of the driver can move them across "now".
      const past = new Date(Date.now() - 2 * 86_400_000);
      const future = new Date(Date.now() + 2 * 86_400_000);
      await client.query(
        `INSERT INTO "SignInAccount" (account, failures, "lastFailedAt", "expiresAt")
         VALUES ('expired-test', 3, $1, $1), ('live-test', 3, $1, $2)`,
        [past, future],
      );
      await client.query(
        `INSERT INTO "SignInSource" (address, account, "failedAt", "expiresAt") VALUES ('192.0.2.50', 'expired-test', $1, $1)`,
        [past],
      );
      await waitFor(
        "the purge to delete the expired throttle rows",
        async () => {
          const left = await client.query(
            `SELECT (SELECT count(*) FROM "SignInAccount" WHERE account = 'expired-test')
                  + (SELECT count(*) FROM "SignInSource" WHERE account = 'expired-test') AS n`,
          );
          return Number(left.rows[0].n) === 0;
        },
        20_000,
      );
      // Counters still in force stay.
      const live = await client.query(`SELECT count(*) AS n FROM "SignInAccount" WHERE account = 'live-test'`);
      expect(Number(live.rows[0].n)).toBe(1);
    } finally {
      await client.end();
    }
  });
});
