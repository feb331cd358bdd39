import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { connect } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { defaultTimeouts } from "../../lib/db/timeouts";
import { openBatchWriter, writeTokenBatches } from "../../lib/db/token-batch";
import { databaseKinds, freshDatabases } from "../support/databases";

// The writer thread stores groups of batches without Prisma; Prisma must still find, compare and
// purge those rows exactly as if it had written them, and a group is all or nothing.
describe("the token batch writer", () => {
  const freshDatabase = freshDatabases();

  it.each(databaseKinds)("writes rows Prisma reads and purges alike on %s", async (kind) => {
    const { url } = await freshDatabase(kind);
    await migrate(url);
    const writer = await openBatchWriter(url, defaultTimeouts);
    const { prisma } = await connect(url);
    try {
      const expiresAt = new Date(Date.now() + 60_000);
      const tokens = JSON.stringify({ abc: { kind: "ClientCredentials", exp: 1 } });
      // One write, one transaction, several rows (one multi-row INSERT on PostgreSQL).
      await writer.write([
        { id: "row-1", batchId: "batch-1", tokens, expiresAt },
        { id: "row-2", batchId: "batch-2", tokens, expiresAt: new Date(Date.now() - 1000) },
      ]);

      // Stored in the very form Prisma stores dates, so comparisons between the two hold.
      await writeTokenBatches(prisma, [{ id: "row-0", batchId: "batch-0", tokens, expiresAt }]);
      if (kind === "sqlite") {
        const raw = new Database(url.replace(/^file:/, ""), { readonly: true });
        const dates = raw
          .prepare(`SELECT "expiresAt" AS d FROM "TokenBatch" WHERE "id" IN ('row-0', 'row-1')`)
          .all() as { d: string }[];
        raw.close();
        expect(dates).toEqual([{ d: dates[0].d }, { d: dates[0].d }]);
      }
      expect((await prisma.tokenBatch.findFirst({ where: { id: "row-0" } }))?.expiresAt).toEqual(expiresAt);
      await prisma.tokenBatch.delete({ where: { id: "row-0" } });

      const row = await prisma.tokenBatch.findFirst({ where: { batchId: "batch-1" } });
      expect(row).toEqual({ id: "row-1", batchId: "batch-1", tokens, expiresAt });
      // What the purge does: only the expired row goes.
      await prisma.tokenBatch.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      expect((await prisma.tokenBatch.findMany({ select: { id: true } })).map((r) => r.id)).toEqual(["row-1"]);

      // A group with a failing row stores none of its rows, and the writer keeps working.
      await expect(
        writer.write([
          { id: "row-3", batchId: "batch-3", tokens, expiresAt },
          { id: "row-1", batchId: "batch-1", tokens, expiresAt },
        ]),
      ).rejects.toThrow();
      expect(await prisma.tokenBatch.count({ where: { id: "row-3" } })).toBe(0);
      await writer.write([{ id: "row-4", batchId: "batch-4", tokens, expiresAt }]);
      expect(await prisma.tokenBatch.count({ where: { id: "row-4" } })).toBe(1);

      // As many writes in flight as the writer allows (pipelined on PostgreSQL's one connection),
      // and one more: each commits or fails on its own, and a failure between them harms neither.
      const newRow = (id: string) => ({ id, batchId: `batch-${id}`, tokens, expiresAt });
      const together = await Promise.allSettled([
        writer.write([newRow("row-5")]),
        writer.write([newRow("row-1")]),
        writer.write([newRow("row-6"), newRow("row-7")]),
        ...Array.from({ length: writer.depth }, (_, i) => writer.write([newRow(`row-${8 + i}`)])),
      ]);
      expect(together.map((result) => result.status)).toEqual([
        "fulfilled",
        "rejected",
        ...Array(writer.depth + 1).fill("fulfilled"),
      ]);
      const ids = ["row-5", "row-6", "row-7", ...Array.from({ length: writer.depth }, (_, i) => `row-${8 + i}`)];
      expect(await prisma.tokenBatch.count({ where: { id: { in: ids } } })).toBe(ids.length);
    } finally {
      await writer.close();
      await prisma.$disconnect();
    }
  });
});
