import { describe, expect, it } from "vitest";
import { connect } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { queueSignOut, signOutDeliveryId } from "../../lib/logout/queue";
import { databaseKinds, freshDatabases } from "../support/databases";
import { sql } from "../support/sql";

// A sign-out's logout tokens are queued all or none, and queueing the same sign-out again (a
// resubmitted form) stores nothing more, so the app is sent one token.
describe("queueing a sign-out's logout tokens", () => {
  const freshDatabase = freshDatabases();

  async function withApps(kind: (typeof databaseKinds)[number]) {
    const { url } = await freshDatabase(kind);
    await migrate(url);
    const { prisma } = await connect(url);
    const app = (clientId: string, backchannelLogoutUri: string, backchannelLogoutSessionRequired = true) =>
      prisma.application.create({
        data: {
          id: clientId,
          clientId,
          name: clientId,
          type: "traditional",
          backchannelLogoutUri,
          backchannelLogoutSessionRequired,
        },
      });
    await app("named", "http://127.0.0.1:9/named");
    await app("unnamed", "http://127.0.0.1:9/unnamed", false);
    await app("silent", "");
    return { url, prisma };
  }
  const targets = [
    { clientId: "named", subject: "user-1", sid: "sid-named" },
    { clientId: "unnamed", subject: "user-1", sid: "sid-unnamed" },
    { clientId: "silent", subject: "user-1", sid: "sid-silent" },
  ];

  it.each(databaseKinds)("stores one row per app with a logout URI, once, on %s", async (kind) => {
    const { prisma } = await withApps(kind);
    try {
      expect([...(await queueSignOut(prisma, targets))].sort()).toEqual(["named", "unnamed"]);
      expect([...(await queueSignOut(prisma, targets))].sort()).toEqual(["named", "unnamed"]);
      const rows = await prisma.logoutDelivery.findMany({ orderBy: { clientId: "asc" } });
      expect(rows.map((r) => [r.id, r.clientId, r.subject, r.sessionId, r.reason, r.status])).toEqual([
        [signOutDeliveryId("named", "sid-named"), "named", "user-1", "sid-named", "sign_out", "pending"],
        [signOutDeliveryId("unnamed", "sid-unnamed"), "unnamed", "user-1", null, "sign_out", "pending"],
      ]);
      // Another session of the same app is another token.
      expect(signOutDeliveryId("named", "sid-other")).not.toBe(rows[0].id);
      expect(rows[0].id).toMatch(/^[a-z0-9]{21}$/);
    } finally {
      await prisma.$disconnect();
    }
  });

  // Two requests confirming one sign-out at once (a double click, two tabs, two instances): both
  // see no row and both insert it; the one that loses the race must still succeed, not answer an
  // error page. PostgreSQL only: that is where several connections write at once (one SQLite
  // server's transactions run one after another).
  it("queues the same sign-out from two connections at once, one row, no error, on postgresql", async () => {
    const { url, prisma } = await withApps("postgresql");
    const other = (await connect(url)).prisma;
    try {
      for (let round = 0; round < 5; round++) {
        const sid = `sid-race-${round}`;
        const race = [{ clientId: "named", subject: "user-1", sid }];
        const outcomes = await Promise.allSettled([queueSignOut(prisma, race), queueSignOut(other, race)]);
        const failed = outcomes.filter((o) => o.status === "rejected");
        expect(
          failed.map((o) => String((o as PromiseRejectedResult).reason)),
          `round ${round + 1}`,
        ).toEqual([]);
        expect(await prisma.logoutDelivery.count({ where: { id: signOutDeliveryId("named", sid) } })).toBe(1);
      }
    } finally {
      await other.$disconnect();
      await prisma.$disconnect();
    }
  });

  it.each(databaseKinds)("stores none when one of them fails, on %s", async (kind) => {
    const { url, prisma } = await withApps(kind);
    try {
      // The second app's row cannot be written (no subject): the first one's, written before it
      // in the same transaction, must not remain.
      await expect(
        queueSignOut(prisma, [targets[0], { clientId: "unnamed", subject: null as unknown as string, sid: "x" }]),
      ).rejects.toThrow();
      expect(await sql(url, 'SELECT id FROM "LogoutDelivery"')).toEqual([]);
    } finally {
      await prisma.$disconnect();
    }
  });
});
