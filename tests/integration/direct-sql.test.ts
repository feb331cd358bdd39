import { describe, expect, it } from "vitest";
import { insertAudit, recordAudit } from "../../lib/audit/record";
import { accountKey, purgeThrottle, SignInThrottle } from "../../lib/auth/throttle";
import { isDatabaseUnavailable } from "../../lib/db/availability";
import { connect } from "../../lib/db/client";
import { openDirectSql } from "../../lib/db/direct-sql";
import { migrate } from "../../lib/db/migrate";
import { defaultTimeouts } from "../../lib/db/timeouts";
import { createPayloadStore, decodePayload } from "../../lib/oidc/payload-store";
import { databaseKinds, freshDatabases } from "../support/databases";
import { freePort } from "../support/ports";

// oidc-provider's objects and the sign-in throttle are stored with prepared statements on a
// connection of their own; Prisma (the console, the purge, the tests) must read, compare and
// purge those rows exactly as if it had written them, and the reverse.
describe("the sign-in's prepared statements", () => {
  const freshDatabase = freshDatabases();

  async function open(kind: (typeof databaseKinds)[number]) {
    const { url } = await freshDatabase(kind);
    await migrate(url);
    const sql = await openDirectSql(url, defaultTimeouts);
    const { prisma } = await connect(url);
    return { sql, prisma, close: async () => Promise.all([sql.close(), prisma.$disconnect()]) };
  }

  it.each(databaseKinds)("store oidc-provider's objects as Prisma does on %s", async (kind) => {
    const { sql, prisma, close } = await open(kind);
    const store = createPayloadStore(sql);
    try {
      const expiresAt = new Date(Date.now() + 60_000);
      const payload = { kind: "Session", uid: "uid-1", accountId: "user-1", jti: "s1" };
      await store.upsert("Session", "s1", payload, expiresAt);
      expect(await prisma.oidcPayload.findUnique({ where: { model_id: { model: "Session", id: "s1" } } })).toEqual({
        model: "Session",
        id: "s1",
        payload: JSON.stringify(payload),
        grantId: null,
        userCode: null,
        uid: "uid-1",
        accountId: "user-1",
        clientId: null,
        expiresAt,
        consumedAt: null,
      });
      expect(decodePayload(await store.findByUid("Session", "uid-1"))).toEqual(payload);

      // A row Prisma wrote, read back here; a used code says when it was used.
      await prisma.oidcPayload.create({
        data: { model: "AuthorizationCode", id: "c1", payload: '{"grantId":"g1"}', grantId: "g1", expiresAt },
      });
      expect(await store.consume("AuthorizationCode", "c1")).toBe(true);
      expect(await store.consume("AuthorizationCode", "c1")).toBe(false);
      const used = decodePayload(await store.find("AuthorizationCode", "c1"));
      expect(used?.consumed).toBeGreaterThan(Date.now() / 1000 - 60);
      expect(await store.grantIdOf("AuthorizationCode", "c1")).toBe("g1");
      // Replacing an object keeps its use.
      await store.upsert("AuthorizationCode", "c1", { grantId: "g1" }, expiresAt);
      expect(decodePayload(await store.find("AuthorizationCode", "c1"))?.consumed).toBe(used?.consumed);

      // Expired is gone to readers at once, and to the purge's date comparison on Prisma.
      await store.upsert("Interaction", "old", { uid: "x" }, new Date(Date.now() - 1000));
      expect(decodePayload(await store.find("Interaction", "old"))).toBeUndefined();
      await prisma.oidcPayload.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      expect(await prisma.oidcPayload.count({ where: { id: "old" } })).toBe(0);
      expect(await prisma.oidcPayload.count()).toBe(2);

      await store.mark("RevokedGrant", "g1", expiresAt);
      await store.mark("RevokedGrant", "g1", expiresAt);
      expect(await store.exists("RevokedGrant", "g1")).toBe(true);
      await store.destroyGrant("g1", "RevokedGrant");
      expect(
        (await prisma.oidcPayload.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id),
      ).toEqual(["g1", "s1"]);
    } finally {
      await close();
    }
  });

  it.each(databaseKinds)("count sign-in tries that Prisma reads and purges on %s", async (kind) => {
    const { sql, prisma, close } = await open(kind);
    const policy = {
      accountFreeFailures: 2,
      accountBaseDelayMs: 60_000,
      accountMemoryMs: 3_600_000,
      addressFreeAccounts: 10,
      addressBaseDelayMs: 1_000,
      addressWindowMs: 60_000,
      maxDelayMs: 600_000,
      knownGoodMs: 3_600_000,
    };
    const throttle = new SignInThrottle(sql, policy);
    try {
      const now = Date.now();
      await throttle.fail("203.0.113.1", "a@example.com", now);
      await throttle.fail("203.0.113.2", "a@example.com", now);
      expect(await throttle.retryAfter("203.0.113.3", "a@example.com", now)).toBe(60_000);
      expect(await prisma.signInAccount.findUnique({ where: { account: accountKey("a@example.com") } })).toEqual({
        account: accountKey("a@example.com"),
        failures: 2,
        lastFailedAt: new Date(now),
        expiresAt: new Date(now + policy.accountMemoryMs),
      });
      // A right password forgets the failures and marks the address known-good.
      await throttle.succeed("203.0.113.1", "a@example.com", now);
      expect(await throttle.retryAfter("203.0.113.3", "a@example.com", now)).toBe(0);
      const source = await prisma.signInSource.findUnique({
        where: { address_account: { address: "203.0.113.1", account: accountKey("a@example.com") } },
      });
      expect(source).toMatchObject({ failedAt: null, succeededAt: new Date(now) });
      // The per-address count compares dates written here with one Prisma would write.
      const outcome = await throttle.attempt("203.0.113.1", "b@example.com", async () => undefined);
      expect(outcome).toEqual({ result: undefined });
      const failed = await prisma.signInSource.count({
        where: { address: "203.0.113.1", failedAt: { gte: new Date(now) } },
      });
      expect(failed).toBe(1);

      // The attempt counted at its own time, a moment after `now`.
      await purgeThrottle(prisma, new Date(Date.now() + policy.knownGoodMs + 60_000));
      expect(await prisma.signInSource.count()).toBe(0);
      expect(await prisma.signInAccount.count()).toBe(0);
    } finally {
      await close();
    }
  });

  it.each(databaseKinds)("write sign-in audit events the console reads in order on %s", async (kind) => {
    const { sql, prisma, close } = await open(kind);
    try {
      const before = new Date();
      await insertAudit(sql, {
        type: "sign_in.failed",
        actor: { label: "a@example.com" },
        after: { amr: ["pwd"], password: "never stored" },
        ip: "203.0.113.1",
      });
      await recordAudit(prisma, { type: "sign_in.failed", actor: { label: "b@example.com" } });
      const events = await prisma.auditEvent.findMany({ where: { at: { gte: before } }, orderBy: { at: "asc" } });
      expect(events.map((event) => event.actor)).toEqual(["a@example.com", "b@example.com"]);
      expect(events[0]).toMatchObject({ type: "sign_in.failed", after: '{"amr":["pwd"]}', ip: "203.0.113.1" });
      expect(events[0].at.getTime()).toBeLessThanOrEqual(events[1].at.getTime());
    } finally {
      await close();
    }
  });

  it("waits for a Prisma transaction's write lock on SQLite without blocking the event loop", async () => {
    const { sql, prisma, close } = await open("sqlite");
    const store = createPayloadStore(sql);
    try {
      let written: Promise<void> | undefined;
      let done = false;
      await prisma.$transaction(async (tx) => {
        await tx.oidcPayload.create({ data: { model: "Grant", id: "held", payload: "{}" } });
        // Prisma holds the write lock until this callback returns. Blocking on it here would hang
        // this very thread (Prisma's commit needs it): the write must wait asynchronously.
        const started = performance.now();
        written = store.upsert("Grant", "waiting", { accountId: "u" }, null).then(() => {
          done = true;
        });
        expect(performance.now() - started).toBeLessThan(1000);
        // Prisma's own statements still run meanwhile, and the waiting write has not gone through.
        expect(await tx.oidcPayload.count({ where: { id: { in: ["held", "waiting"] } } })).toBe(1);
        expect(done).toBe(false);
      });
      await written;
      expect(await prisma.oidcPayload.count({ where: { id: { in: ["held", "waiting"] } } })).toBe(2);
    } finally {
      await close();
    }
  });

  it("fails fast, as the database being unavailable, when PostgreSQL cannot be reached", async () => {
    const port = await freePort();
    const sql = await openDirectSql(`postgresql://postgres@127.0.0.1:${port}/postgres`, {
      connectMs: 1000,
      statementMs: 1000,
    });
    try {
      const started = performance.now();
      const error = await createPayloadStore(sql)
        .find("Session", "s1")
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await sql.close();
    }
  });
});
