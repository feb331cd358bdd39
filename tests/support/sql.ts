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
