import Database from "better-sqlite3";
import pg from "pg";

/**
 * One SQL statement on a test server's database, SQLite or PostgreSQL, written with PostgreSQL's
 * `$1` placeholders. Dates are passed as SQLite stores them (milliseconds) or as timestamps.
 */
export async function sql<T = Record<string, unknown>>(
  databaseUrl: string,
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  if (databaseUrl.startsWith("file:")) {
    const file = new Database(databaseUrl.slice("file:".length));
    try {
      const statement = file.prepare(text.replace(/\$\d+/g, "?"));
      const values = params.map((value) => (value instanceof Date ? value.getTime() : value));
      if (statement.reader) return statement.all(...values) as T[];
      statement.run(...values);
      return [];
    } finally {
      file.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Another connection holding the lock a logout token's write needs, until `release`: on SQLite
 * the database's write lock (reads go on, in WAL mode), on PostgreSQL an EXCLUSIVE lock on the
 * LogoutDelivery table (reads of it go on). A write meeting it fails after the server's
 * statement timeout, as in a database too busy or too slow to answer.
 */
export async function holdLogoutQueueLock(databaseUrl: string): Promise<() => Promise<void>> {
  if (databaseUrl.startsWith("file:")) {
    const file = new Database(databaseUrl.slice("file:".length));
    file.exec("BEGIN IMMEDIATE");
    return async () => {
      file.exec("ROLLBACK");
      file.close();
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("BEGIN");
  await client.query('LOCK TABLE "LogoutDelivery" IN EXCLUSIVE MODE');
  return async () => {
    await client.query("ROLLBACK");
    await client.end();
  };
}
