import pg from "pg";
import type { Db } from "./client";
import { openSqliteConnection, whileBusy } from "./direct-sql";
import type { DatabaseTimeouts } from "./timeouts";
import { databaseKind } from "./url";

/** One batch of client_credentials tokens as stored: a row per batch, not per token. */
export type TokenBatchRow = { id: string; batchId: string; tokens: string; expiresAt: Date };

/** Writes rows in one transaction: all of them are stored, or none and the promise rejects. */
export type BatchWriter = { write(rows: TokenBatchRow[]): Promise<void>; close(): Promise<void> };

/** The same rows through Prisma: the form the writer must match (see its test). */
export async function writeTokenBatches(db: Db, rows: TokenBatchRow[]): Promise<void> {
  await db.tokenBatch.createMany({ data: rows });
}

/**
 * The token writer's own connection, without Prisma: Prisma spends ~1 ms of CPU planning each
 * insert where a prepared statement takes ~0.1 ms, and this runs for every group of tokens.
 * Dates are stored as Prisma stores them (SQLite: ISO 8601 ending in "+00:00"; PostgreSQL: a UTC
 * timestamp without time zone), so Prisma reads, compares and purges these rows like its own.
 */
export async function openBatchWriter(url: string, timeouts: DatabaseTimeouts): Promise<BatchWriter> {
  return databaseKind(url) === "postgresql" ? openPostgresWriter(url, timeouts) : openSqliteWriter(url, timeouts);
}

/**
 * On SQLite the insert runs on the calling thread: it takes a fraction of a millisecond, and a
 * hop to another thread costs more than that on a busy machine. It never waits for a lock while
 * blocking (see `whileBusy` in direct-sql.ts).
 */
function openSqliteWriter(url: string, timeouts: DatabaseTimeouts): BatchWriter {
  const sqlite = openSqliteConnection(url);
  const insert = sqlite.prepare(
    'INSERT INTO "TokenBatch" ("id", "batchId", "tokens", "expiresAt") VALUES (?, ?, ?, ?)',
  );
  const insertAll = sqlite.transaction((rows: TokenBatchRow[]) => {
    for (const { id, batchId, tokens, expiresAt } of rows)
      insert.run(id, batchId, tokens, expiresAt.toISOString().replace("Z", "+00:00"));
  });
  return {
    write: (rows) => whileBusy(() => insertAll(rows), timeouts.statementMs),
    async close() {
      sqlite.close();
    },
  };
}

/**
 * One connection, one multi-row INSERT per group (a single statement is its own transaction).
 * A broken connection is dropped and the next write opens a new one, so an outage heals itself.
 */
function openPostgresWriter(url: string, timeouts: DatabaseTimeouts): BatchWriter {
  let client: pg.Client | undefined;
  const open = async () => {
    const next = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      // Client-side: a frozen server never answers, so the server's own timeout cannot fire.
      query_timeout: timeouts.statementMs + 1000,
    });
    next.on("error", () => {
      if (client === next) client = undefined;
    });
    await next.connect();
    return next;
  };
  return {
    async write(rows) {
      const values: unknown[] = [];
      const tuples = rows.map(({ id, batchId, tokens, expiresAt }, i) => {
        values.push(id, batchId, tokens, expiresAt.toISOString().replace("Z", ""));
        return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
      });
      try {
        client ??= await open();
        await client.query(
          `INSERT INTO "TokenBatch" ("id", "batchId", "tokens", "expiresAt") VALUES ${tuples.join(", ")}`,
          values,
        );
      } catch (error) {
        // Whatever state the connection is in now, the next write starts on a fresh one.
        const broken = client;
        client = undefined;
        broken?.end().catch(() => {});
        throw error;
      }
    },
    async close() {
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
