import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../errors";
import { defaultThrottlePolicy, signInWait, type ThrottlePolicy } from "./throttle-policy";

/** The typed email as the counters know it: hashed, so the table holds no list of addresses people tried. */
export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}

/**
 * The sign-in throttle's counters, in the database so that every instance sharing it counts
 * together (see throttle-policy.ts for the rules). Unknown emails are counted exactly like known
 * ones, so the throttle tells nobody which accounts exist. Expired rows are removed by the
 * background purge (lib/db/purge.ts).
 */
export class SignInThrottle {
  /** The last queued try per account, and the last admission per address, in this process (see `attempt`). */
  private readonly accounts = new Map<string, Promise<unknown>>();
  private readonly addresses = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
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
        const retryAfterMs = await this.retryAfter(address, email);
        if (retryAfterMs > 0) return { retryAfterMs };
        await this.fail(address, email);
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
    const account = accountKey(email);
    const since = new Date(now - this.policy.addressWindowMs);
    const [accountRow, failedHere, source] = await Promise.all([
      this.db.signInAccount.findUnique({ where: { account } }),
      this.db.signInSource.aggregate({
        where: { address, failedAt: { gte: since } },
        _count: { _all: true },
        _max: { failedAt: true },
      }),
      this.db.signInSource.findUnique({ where: { address_account: { address, account } } }),
    ]);
    const succeededAt = source?.succeededAt?.getTime();
    return signInWait(
      this.policy,
      {
        account: accountRow ?? undefined,
        address: { distinctAccounts: failedHere._count._all, lastFailedAt: failedHere._max.failedAt },
        knownGood: succeededAt !== undefined && now - succeededAt < this.policy.knownGoodMs,
      },
      now,
    );
  }

  /** Counts a failed try (the increment is done by the database, so instances never lose one). */
  async fail(address: string, email: string, now = Date.now()) {
    const account = accountKey(email);
    const at = new Date(now);
    const accountExpiry = new Date(now + this.policy.accountMemoryMs);
    // A failure is kept as long as the address limit counts it, a known-good mark as long as it lasts.
    const source = await this.db.signInSource.findUnique({ where: { address_account: { address, account } } });
    const goodUntil = (source?.succeededAt?.getTime() ?? 0) + this.policy.knownGoodMs;
    const sourceExpiry = new Date(Math.max(now + this.policy.addressWindowMs, goodUntil));
    await twice(() =>
      this.db.$transaction([
        this.db.signInAccount.upsert({
          where: { account },
          create: { account, failures: 1, lastFailedAt: at, expiresAt: accountExpiry },
          update: { failures: { increment: 1 }, lastFailedAt: at, expiresAt: accountExpiry },
        }),
        this.db.signInSource.upsert({
          where: { address_account: { address, account } },
          create: { address, account, failedAt: at, expiresAt: sourceExpiry },
          update: { failedAt: at, expiresAt: sourceExpiry },
        }),
      ]),
    );
  }

  /** A right password: the account's failures are forgotten and the address becomes known-good for it. */
  async succeed(address: string, email: string, now = Date.now()) {
    const account = accountKey(email);
    const at = new Date(now);
    const expiresAt = new Date(now + this.policy.knownGoodMs);
    await twice(() =>
      this.db.$transaction([
        this.db.signInAccount.deleteMany({ where: { account } }),
        this.db.signInSource.upsert({
          where: { address_account: { address, account } },
          create: { address, account, succeededAt: at, expiresAt },
          update: { failedAt: null, succeededAt: at, expiresAt },
        }),
      ]),
    );
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

/**
 * Runs a write again when another instance created the same row between this upsert's lookup
 * and its insert (the one case an upsert can fail on a unique key); the second try updates it.
 */
async function twice<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return write();
  }
}

/** Deletes counters nobody reads any more (called by the background purge). */
export async function purgeThrottle(db: Db, now = new Date()) {
  await db.signInAccount.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.signInSource.deleteMany({ where: { expiresAt: { lt: now } } });
}
