import Database from "better-sqlite3";
import { connect, type Db } from "./client";
import { databaseKind, sqliteFile } from "./url";

/** One batch of client_credentials tokens as stored: a row per batch, not per token. */
export type TokenBatchRow = { id: string; batchId: string; tokens: string; expiresAt: Date };

export type BatchWriter = { write(batch: TokenBatchRow): Promise<void>; close(): Promise<void> };

export async function writeTokenBatch(db: Db, batch: TokenBatchRow): Promise<void> {
  await db.tokenBatch.create({ data: batch });
}

/**
 * The writer thread's own connection (see writer-worker.ts). On SQLite it inserts through
 * better-sqlite3 itself: Prisma spends ~1.2 ms of CPU on each batch insert (mostly planning the
 * query) where the prepared statement takes ~0.2 ms, and under load this runs ~50 times a second
 * on cores the request thread needs. The date is stored as Prisma's SQLite adapter stores it
 * (ISO 8601 ending in "+00:00"), so Prisma reads, compares and purges these rows like its own.
 * On PostgreSQL the batches go through Prisma.
 */
export async function openBatchWriter(url: string): Promise<BatchWriter> {
  if (databaseKind(url) === "postgresql") {
    const { prisma } = await connect(url);
    return { write: (batch) => writeTokenBatch(prisma, batch), close: () => prisma.$disconnect() };
  }
  const sqlite = new Database(sqliteFile(url), { timeout: 5000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  const insert = sqlite.prepare(
    'INSERT INTO "TokenBatch" ("id", "batchId", "tokens", "expiresAt") VALUES (?, ?, ?, ?)',
  );
  return {
    async write({ id, batchId, tokens, expiresAt }) {
      insert.run(id, batchId, tokens, expiresAt.toISOString().replace("Z", "+00:00"));
    },
    async close() {
      sqlite.close();
    },
  };
}
