import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTimeouts } from "./timeouts";
import { type DatabaseKind, databaseKind, sqliteFile } from "./url";

export type SqlValue = string | number | null | Date;
export type SqlStatement = { sql: string; params?: SqlValue[] };

/**
 * Hot statements on a connection of their own, without Prisma: Prisma's query compiler spends
 * 1.2 – 1.6 ms of CPU on each model query where a prepared statement takes a tenth of that, and a
 * sign-in makes dozens. SQL is written once for both databases, with `?` placeholders; dates go
 * in as Date and are stored as Prisma stores them (SQLite: ISO 8601 ending in "+00:00";
 * PostgreSQL: a UTC timestamp without time zone), so Prisma reads, compares and purges these rows
 * like its own. Read them back with `readDate`.
 */
export type DirectSql = {
  kind: DatabaseKind;
  /** The rows of one statement. */
  all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** Runs one statement; resolves with the number of rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
  /** Runs statements in one transaction: all of them, or none and the promise rejects. */
  transaction(statements: SqlStatement[]): Promise<void>;
  close(): Promise<void>;
};

export async function openDirectSql(url: string, timeouts: DatabaseTimeouts): Promise<DirectSql> {
  return databaseKind(url) === "postgresql" ? openPostgres(url, timeouts) : openSqlite(url, timeouts);
}

/** A date column as either database returns it (SQLite: text; PostgreSQL: Date, see `utcTimestamp`). */
export function readDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

const SQLITE_RETRY_MS = 2;

/**
 * A SQLite connection of its own beside Prisma's, as this one and the token writer open them:
 * WAL, and a checkpoint (with its fsync) after ~40 MB of log rather than 4 MB, since these
 * connections make most of the commits and a checkpoint stalls the thread it runs on (a longer
 * log also writes a page that changed many times only once). Busy timeout 0: see `whileBusy`.
 */
export function openSqliteConnection(url: string): Database.Database {
  const sqlite = new Database(sqliteFile(url), { timeout: 0 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("wal_autocheckpoint = 10000");
  return sqlite;
}

/**
 * Runs `work` (synchronous statements) without ever waiting for a lock while blocking: the lock
 * may be held by a Prisma transaction awaiting on this very thread. A busy try is made again a
 * moment later, until `statementMs`, then fails as SQLITE_BUSY (503, see availability.ts).
 */
export async function whileBusy<T>(work: () => T, statementMs: number): Promise<T> {
  const deadline = performance.now() + statementMs;
  for (;;) {
    try {
      return work();
    } catch (error) {
      const busy = (error as { code?: string }).code?.startsWith("SQLITE_BUSY");
      if (!busy || performance.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, SQLITE_RETRY_MS));
  }
}

/**
 * On SQLite statements run on the calling thread: each takes a few microseconds, less than a hop
 * to another thread, and never waits for a lock while blocking (`whileBusy`). A transaction runs
 * whole within one call, so this connection never holds a lock across an await.
 */
function openSqlite(url: string, timeouts: DatabaseTimeouts): DirectSql {
  const sqlite = openSqliteConnection(url);
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) {
      found = sqlite.prepare(sql);
      prepared.set(sql, found);
    }
    return found;
  };
  const bind = (params: SqlValue[] = []) =>
    params.map((value) => (value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value));
  const inTransaction = sqlite.transaction((statements: SqlStatement[]) => {
    for (const { sql, params } of statements) statement(sql).run(...bind(params));
  });
  const retrying = <T>(work: () => T) => whileBusy(work, timeouts.statementMs);

  return {
    kind: "sqlite",
    all: <T>(sql: string, params?: SqlValue[]) => retrying(() => statement(sql).all(...bind(params)) as T[]),
    run: (sql, params) => retrying(() => statement(sql).run(...bind(params)).changes),
    transaction: (statements) => retrying(() => inTransaction(statements)),
    async close() {
      sqlite.close();
    },
  };
}

// PostgreSQL's "timestamp without time zone": Prisma stores UTC there; pg would read it as local time.
const TIMESTAMP_OID = 1114;
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);

/**
 * A small pool of its own (a sign-in's statements are short; several run at once). Statements are
 * prepared once per connection by name. A broken connection leaves the pool, so an outage heals
 * itself; the timeouts are the Prisma pool's, so a frozen server costs a request no more here.
 */
function openPostgres(url: string, timeouts: DatabaseTimeouts): DirectSql {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    // Client-side: a frozen server never answers, so the server's own timeout cannot fire.
    query_timeout: timeouts.statementMs + 1000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === TIMESTAMP_OID
          ? utcTimestamp
          : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that breaks is dropped by the pool; the error must not crash the process.
  pool.on("error", () => {});
  const names = new Map<string, { name: string; text: string }>();
  const query = (sql: string, params: SqlValue[] = []) => {
    let named = names.get(sql);
    if (!named) {
      let n = 0;
      named = { name: `direct_${names.size}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      names.set(sql, named);
    }
    const values = params.map((value) => (value instanceof Date ? value.toISOString().replace("Z", "") : value));
    return { ...named, values };
  };

  return {
    kind: "postgresql",
    all: async <T>(sql: string, params?: SqlValue[]) => (await pool.query(query(sql, params))).rows as T[],
    run: async (sql, params) => (await pool.query(query(sql, params))).rowCount ?? 0,
    async transaction(statements) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        for (const { sql, params } of statements) await client.query(query(sql, params));
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch((rollback: Error) => {
          broken = rollback;
        });
        throw error;
      } finally {
        // A connection that could not even roll back is closed rather than reused.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
