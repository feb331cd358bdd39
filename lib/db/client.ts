import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { type DatabaseTimeouts, defaultTimeouts } from "./timeouts";
import { type DatabaseKind, databaseKind, sqliteFile } from "./url";

/**
 * The Prisma client, whichever database backs it. Both generated clients come from the same
 * models file, so their APIs are the same; the SQLite one stands for both in types.
 */
export type Db = SqliteClient;

export type Database = { prisma: Db; kind: DatabaseKind; url: string };

/** Connects with `timeouts` (see timeouts.ts), so an unreachable database fails requests fast. */
export async function connect(url: string, timeouts: DatabaseTimeouts = defaultTimeouts): Promise<Database> {
  const kind = databaseKind(url);
  if (kind === "postgresql") {
    const adapter = new PrismaPg({
      connectionString: url,
      max: 10,
      // Also the wait for a free pooled connection.
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      // Client-side: a frozen server never answers, so the server's own timeout cannot fire.
      query_timeout: timeouts.statementMs + 1000,
    });
    const prisma = new PostgresClient({ adapter }) as unknown as Db;
    await prisma.$connect();
    return { prisma, kind, url };
  }
  const file = sqliteFile(url);
  const adapter = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: timeouts.statementMs });
  const prisma = new SqliteClient({ adapter });
  // One connection serves the process: WAL lets other processes (the CLI, a second
  // instance) read while it writes, and NORMAL sync is durable across application crashes.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return { prisma, kind, url };
}

/**
 * A case-insensitive "contains" filter for a text column. SQLite's LIKE already ignores ASCII
 * case; PostgreSQL needs ILIKE, which Prisma calls mode "insensitive" (absent from the SQLite
 * client's types, hence the cast).
 */
export function containsText(database: Database, value: string): { contains: string } {
  return database.kind === "postgresql"
    ? ({ contains: value, mode: "insensitive" } as { contains: string })
    : { contains: value };
}
