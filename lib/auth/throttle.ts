import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { type DirectSql, readDate } from "../db/direct-sql";
import { defaultThrottlePolicy, signInWait, type ThrottlePolicy } from "./throttle-policy";

/** The typed email as the counters know it: hashed, so the table holds no list of addresses people tried. */
export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}

/**
 * The sign-in throttle's counters, in the database so that every instance sharing it counts
 * together (see throttle-policy.ts for the rules). Unknown emails are counted exactly like known
 * ones, so the throttle tells nobody which accounts exist. Read and written with prepared
 * statements (lib/db/direct-sql.ts: every sign-in passes here); expired rows are removed by the
 * background purge (lib/db/purge.ts), through Prisma.
 */
export class SignInThrottle {
  /** The last queued try per account, and the last admission per address, in this process (see `attempt`). */
  private readonly accounts = new Map<string, Promise<unknown>>();
  private readonly addresses = new Map<string, Promise<unknown>>();

  constructor(
    private readonly sql: DirectSql,
    private readonly policy: ThrottlePolicy = defaultThrottlePolicy,
  ) {}

  /**
   * One sign-in try under the throttle: refused with the wait, or `check` (the password check)
   * run and its outcome counted.
   *
   * A try is counted as a failure before its password is checked, and cleared if it was right,
   * so tries running at the same time see each other. Tries for one account queue up in this
   * process (a burst of guesses at one account is checked one after another); admissions from
   * one address queue up too, so a burst of guesses at many accounts from one address sees its
   * own count grow, while the password checks themselves still run in parallel.
   */
  attempt<T>(
    address: string,
    email: string,
    check: () => Promise<T | undefined>,
  ): Promise<{ retryAfterMs: number } | { result: T | undefined }> {
    return serially(this.accounts, accountKey(email), async () => {
      const refused = await serially(this.addresses, address, async () => {
        const now = Date.now();
        const { wait, succeededAt } = await this.read(address, email, now);
        if (wait > 0) return { retryAfterMs: wait };
        await this.fail(address, email, now, { succeededAt });
        return undefined;
      });
      if (refused) return refused;
      const result = await check();
      if (result !== undefined) await this.succeed(address, email);
      return { result };
    });
  }

  /** Milliseconds before `address` may try `email` again; 0 when it may now. */
  async retryAfter(address: string, email: string, now = Date.now()): Promise<number> {
    return (await this.read(address, email, now)).wait;
  }

  /** The counters for one try, in three primary-key or index lookups. */
  private async read(address: string, email: string, now: number) {
    const account = accountKey(email);
    const since = new Date(now - this.policy.addressWindowMs);
    const [accountRows, failedHere, succeededAt] = await Promise.all([
      this.sql.all<{ failures: number; lastFailedAt: unknown }>(
        `SELECT "failures", "lastFailedAt" FROM "SignInAccount" WHERE "account" = ?`,
        [account],
      ),
      this.sql.all<{ accounts: number | string; last: unknown }>(
        `SELECT COUNT(*) AS "accounts", MAX("failedAt") AS "last" FROM "SignInSource" WHERE "address" = ? AND "failedAt" >= ?`,
        [address, since],
      ),
      this.succeededAt(address, account),
    ]);
    const accountRow = accountRows[0];
    const wait = signInWait(
      this.policy,
      {
        account: accountRow
          ? { failures: accountRow.failures, lastFailedAt: readDate(accountRow.lastFailedAt) ?? new Date(0) }
          : undefined,
        // PostgreSQL counts in bigint, which pg returns as a string.
        address: {
          distinctAccounts: Number(failedHere[0]?.accounts ?? 0),
          lastFailedAt: readDate(failedHere[0]?.last),
        },
        knownGood: succeededAt !== undefined && now - succeededAt < this.policy.knownGoodMs,
      },
      now,
    );
    return { wait, succeededAt };
  }

  /** When `address` last signed in to `account` (ms), if it did and the row is there. */
  private async succeededAt(address: string, account: string): Promise<number | undefined> {
    const rows = await this.sql.all<{ succeededAt: unknown }>(
      `SELECT "succeededAt" FROM "SignInSource" WHERE "address" = ? AND "account" = ?`,
      [address, account],
    );
    return readDate(rows[0]?.succeededAt)?.getTime();
  }

  /**
   * Counts a failed try, in one transaction. The increment is done by the database (an upsert
   * that adds one), so instances never lose one. `succeededAt`: the known-good mark already read
   * for this try, when the caller has it.
   */
  async fail(address: string, email: string, now = Date.now(), known?: { succeededAt: number | undefined }) {
    const account = accountKey(email);
    const at = new Date(now);
    // A failure is kept as long as the address limit counts it, a known-good mark as long as it lasts.
    const succeededAt = known ? known.succeededAt : await this.succeededAt(address, account);
    const goodUntil = (succeededAt ?? 0) + this.policy.knownGoodMs;
    const sourceExpiry = new Date(Math.max(now + this.policy.addressWindowMs, goodUntil));
    await this.sql.transaction([
      {
        sql: `INSERT INTO "SignInAccount" ("account", "failures", "lastFailedAt", "expiresAt") VALUES (?, 1, ?, ?)
          ON CONFLICT ("account") DO UPDATE SET "failures" = "SignInAccount"."failures" + 1,
            "lastFailedAt" = excluded."lastFailedAt", "expiresAt" = excluded."expiresAt"`,
        params: [account, at, new Date(now + this.policy.accountMemoryMs)],
      },
      {
        sql: `INSERT INTO "SignInSource" ("address", "account", "failedAt", "expiresAt") VALUES (?, ?, ?, ?)
          ON CONFLICT ("address", "account") DO UPDATE SET "failedAt" = excluded."failedAt", "expiresAt" = excluded."expiresAt"`,
        params: [address, account, at, sourceExpiry],
      },
    ]);
  }

  /** A right password: the account's failures are forgotten and the address becomes known-good for it. */
  async succeed(address: string, email: string, now = Date.now()) {
    const account = accountKey(email);
    const at = new Date(now);
    await this.sql.transaction([
      { sql: `DELETE FROM "SignInAccount" WHERE "account" = ?`, params: [account] },
      {
        sql: `INSERT INTO "SignInSource" ("address", "account", "succeededAt", "expiresAt") VALUES (?, ?, ?, ?)
          ON CONFLICT ("address", "account") DO UPDATE SET "failedAt" = NULL, "succeededAt" = excluded."succeededAt",
            "expiresAt" = excluded."expiresAt"`,
        params: [address, account, at, new Date(now + this.policy.knownGoodMs)],
      },
    ]);
  }
}

/** Runs `task` after every task queued before it under `key` has settled. */
function serially<T>(queues: Map<string, Promise<unknown>>, key: string, task: () => Promise<T>): Promise<T> {
  const queued = (queues.get(key) ?? Promise.resolve()).then(task, task);
  const tail = queued.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return queued;
}

/** Deletes counters nobody reads any more (called by the background purge). */
export async function purgeThrottle(db: Db, now = new Date()) {
  await db.signInAccount.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.signInSource.deleteMany({ where: { expiresAt: { lt: now } } });
}
