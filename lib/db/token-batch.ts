import pg from "pg";
import type { Db } from "./client";
import { openSqliteConnection, whileBusy } from "./direct-sql";
import type { DatabaseTimeouts } from "./timeouts";
import { databaseKind } from "./url";

/** One batch of client_credentials tokens as stored: a row per batch, not per token. */
export type TokenBatchRow = { id: string; batchId: string; tokens: string; expiresAt: Date };

/**
 * Writes rows in one transaction: all of them are stored, or none and the promise rejects.
 * `depth`: how many writes may be in flight at once (each its own transaction).
 */
export type BatchWriter = { depth: number; write(rows: TokenBatchRow[]): Promise<void>; close(): Promise<void> };

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
  const insertOne = ({ id, batchId, tokens, expiresAt }: TokenBatchRow) => {
    insert.run(id, batchId, tokens, expiresAt.toISOString().replace("Z", "+00:00"));
  };
  const insertAll = sqlite.transaction((rows: TokenBatchRow[]) => rows.forEach(insertOne));
  return {
    // The insert runs synchronously: a second write could only start while this one waits for a lock.
    depth: 1,
    // A group is nearly always one row: one statement is its own transaction, without BEGIN and COMMIT.
    write: (rows) => whileBusy(() => (rows.length === 1 ? insertOne(rows[0]) : insertAll(rows)), timeouts.statementMs),
    async close() {
      sqlite.close();
    },
  };
}

/** Writes pipelined on the PostgreSQL connection: each its own statement and transaction. */
const POSTGRES_DEPTH = 4;

const insertColumns = 'INSERT INTO "TokenBatch" ("id", "batchId", "tokens", "expiresAt")';
/** Named, so the server parses and plans them once per connection. A group is nearly always one row. */
const insertOne = { name: "latchkey_token_batch", text: `${insertColumns} VALUES ($1, $2, $3, $4)` };
const insertMany = {
  name: "latchkey_token_batches",
  text: `${insertColumns} SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp(3)[])`,
};

/**
 * One connection in pipeline mode: a write is sent at once, even while earlier ones await their
 * answer, and each is one prepared INSERT (a single statement is its own transaction; several
 * rows go in one as arrays). A broken connection is dropped and the next write opens a new one,
 * so an outage heals itself.
 */
function openPostgresWriter(url: string, timeouts: DatabaseTimeouts): BatchWriter {
  let client: Promise<pg.Client> | undefined;
  const open = () => {
    const next = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      // Client-side: a frozen server never answers, so the server's own timeout cannot fire.
      query_timeout: timeouts.statementMs + 1000,
      pipeline: true,
    });
    next.on("error", () => drop(connecting));
    const connecting = next.connect().then(() => next);
    return connecting;
  };
  // Whatever state a failed connection is in, the next write starts on a fresh one.
  const drop = (broken: Promise<pg.Client> | undefined) => {
    if (!broken || client !== broken) return;
    client = undefined;
    broken.then((c) => c.end()).catch(() => {});
  };
  const stored = (date: Date) => date.toISOString().replace("Z", "");
  return {
    depth: POSTGRES_DEPTH,
    async write(rows) {
      client ??= open();
      const used = client;
      try {
        const connection = await used;
        if (rows.length === 1) {
          const [{ id, batchId, tokens, expiresAt }] = rows;
          await connection.query({ ...insertOne, values: [id, batchId, tokens, stored(expiresAt)] });
        } else {
          const values = [rows.map((r) => r.id), rows.map((r) => r.batchId), rows.map((r) => r.tokens)];
          await connection.query({ ...insertMany, values: [...values, rows.map((r) => stored(r.expiresAt))] });
        }
      } catch (error) {
        // A failed statement (a duplicate id) leaves the connection usable; anything else does not.
        if (!(error instanceof pg.DatabaseError && error.severity === "ERROR")) drop(used);
        throw error;
      }
    },
    async close() {
      const closing = client;
      client = undefined;
      await closing?.then((c) => c.end()).catch(() => {});
    },
  };
}
