import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { registerMigrationFunctions } from "../../lib/db/sqlite-functions";
import {
  type ExpressionIndex,
  expressionIndexes,
  type PartialIndex,
  partialIndexes,
} from "../../prisma/partial-indexes";
import { compareSchemas } from "./compare";
import { introspectPostgres } from "./introspect-postgres";
import { introspectSqlite } from "./introspect-sqlite";
import { prismaDiff } from "./prisma-diff";
import type { Dialect, Index, Schema } from "./schema";

export type CheckOptions = {
  /** The project: its models, generated schemas and Prisma CLI. */
  root: string;
  /** Folders of SQL files to apply, in file name order; prisma/migrations/<db> when left out. */
  migrations?: Partial<Record<Dialect, string>>;
  /** A PostgreSQL server on which the check creates (and then drops) its databases; without one PostgreSQL is not checked. */
  postgresUrl?: string;
  /** The indexes the migrations make partial; prisma/partial-indexes.ts when left out. */
  partial?: readonly PartialIndex[];
  /** The indexes whose key the migrations make an expression; prisma/partial-indexes.ts when left out. */
  expressions?: readonly ExpressionIndex[];
};

export type CheckResult = { differences: string[]; checked: Dialect[] };

type Built = { schema?: Schema; error?: string };

/**
 * Applies every migration to an empty database of each dialect, builds another one from the
 * models (Prisma's SQL for prisma/<db>/schema.prisma, with the declared partial indexes), and
 * lists every difference between the two, and between the two dialects' migrated databases.
 */
export async function checkMigrations(options: CheckOptions): Promise<CheckResult> {
  const { root, postgresUrl, partial = partialIndexes, expressions = expressionIndexes } = options;
  const dirs = {
    sqlite: options.migrations?.sqlite ?? join(root, "prisma", "migrations", "sqlite"),
    postgresql: options.migrations?.postgresql ?? join(root, "prisma", "migrations", "postgresql"),
  };
  const differences = staleSchemas(root);
  const checked: Dialect[] = postgresUrl ? ["sqlite", "postgresql"] : ["sqlite"];
  const migrated: Partial<Record<Dialect, Schema>> = {};
  for (const dialect of checked) {
    const build = (statements: { name: string; sql: string }[]) =>
      dialect === "sqlite" ? buildSqlite(statements) : buildPostgres(postgresUrl!, statements);
    const fromMigrations = await build(migrationFiles(dirs[dialect]));
    const fromModels = await build([{ name: `prisma/${dialect}/schema.prisma`, sql: modelsSql(root, dialect) }]);
    if (fromMigrations.error) differences.push(`${dialect} migrations: ${fromMigrations.error}`);
    if (fromModels.error) differences.push(`${dialect} models: ${fromModels.error}`);
    if (!fromMigrations.schema || !fromModels.schema) continue;
    migrated[dialect] = fromMigrations.schema;
    // The list is the same for both dialects: say what is wrong with it once.
    for (const line of [
      ...declarePartial(fromModels.schema, partial),
      ...declareExpressions(fromModels.schema, expressions),
    ])
      if (!differences.includes(line)) differences.push(line);
    differences.push(
      ...compareSchemas(
        `${dialect} migrations vs models`,
        { name: "migrations", schema: fromMigrations.schema },
        { name: "models", schema: fromModels.schema },
      ),
    );
  }
  if (migrated.sqlite && migrated.postgresql) {
    differences.push(
      ...compareSchemas(
        "sqlite vs postgresql migrations",
        { name: "sqlite", schema: migrated.sqlite },
        { name: "postgresql", schema: migrated.postgresql },
      ),
    );
  }
  return { differences, checked };
}

/** The generated schemas must match the models, or the check compares with stale ones. */
function staleSchemas(root: string): string[] {
  const result = spawnSync(process.execPath, [join(root, "scripts", "db-schemas.mjs"), "--check"], {
    cwd: root,
    encoding: "utf8",
  });
  return result.status === 0 ? [] : [`models: ${result.stderr.trim() || "db-schemas.mjs --check failed"}`];
}

function migrationFiles(dir: string) {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => ({ name: file, sql: readFileSync(join(dir, file), "utf8") }));
}

const modelsCache = new Map<string, string>();

/** What the models describe, as Prisma would create it from nothing (no database needed). */
function modelsSql(root: string, dialect: Dialect): string {
  const schema = join(root, "prisma", dialect, "schema.prisma");
  const key = `${dialect}\n${readFileSync(schema, "utf8")}`;
  const cached = modelsCache.get(key);
  if (cached !== undefined) return cached;
  const sql = prismaDiff(root, undefined, schema);
  modelsCache.set(key, sql);
  return sql;
}

/** The models' schema as the migrations must make it: the declared partial indexes get their WHERE. */
function declarePartial(models: Schema, partial: readonly PartialIndex[]): string[] {
  return declare(models, partial, "partial indexes", "declared partial", (index, item) => {
    index.where = item.where;
  });
}

/** The models' schema as the migrations must make it: the declared expression indexes get their keys. */
function declareExpressions(models: Schema, expressions: readonly ExpressionIndex[]): string[] {
  return declare(models, expressions, "expression indexes", "declared", (index, item) => {
    index.columns = [...item.columns];
  });
}

/** Applies each declared index to the models' index of that name; one line per declared index the models lack. */
function declare<T extends { table: string; name: string }>(
  models: Schema,
  declared: readonly T[],
  list: string,
  how: string,
  apply: (index: Index, item: T) => void,
): string[] {
  const problems: string[] = [];
  for (const item of declared) {
    const index = models.tables.find((table) => table.name === item.table)?.indexes.find((i) => i.name === item.name);
    if (index) apply(index, item);
    else
      problems.push(
        `${list}: ${item.table}.${item.name} is ${how} in prisma/partial-indexes.ts but the models have no such index (take it out of the list if it is meant to go)`,
      );
  }
  return problems;
}

/** An in-memory SQLite database with the statements applied the way Latchkey applies migrations. */
function buildSqlite(files: { name: string; sql: string }[]): Built {
  const db = new Database(":memory:");
  registerMigrationFunctions(db);
  try {
    // As lib/db/migrate.ts: a table rebuild must not cascade into the rows that reference it.
    db.pragma("foreign_keys = OFF");
    for (const file of files) {
      try {
        db.transaction(() => db.exec(file.sql))();
      } catch (error) {
        return { error: `${file.name} does not apply: ${(error as Error).message}` };
      }
    }
    return { schema: introspectSqlite(db) };
  } finally {
    db.close();
  }
}

/** A fresh database on the server with the statements applied (each file in a transaction), then dropped. */
async function buildPostgres(serverUrl: string, files: { name: string; sql: string }[]): Promise<Built> {
  const name = `latchkey_check_${randomBytes(6).toString("hex")}`;
  const server = new pg.Client({ connectionString: serverUrl });
  await server.connect();
  try {
    await server.query(`CREATE DATABASE ${name}`);
    const client = new pg.Client({ connectionString: serverUrl.replace(/\/[^/]*$/, `/${name}`) });
    await client.connect();
    try {
      for (const file of files) {
        try {
          await client.query("BEGIN");
          await client.query(file.sql);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          return { error: `${file.name} does not apply: ${(error as Error).message}` };
        }
      }
      return { schema: await introspectPostgres(client) };
    } finally {
      await client.end();
    }
  } finally {
    await server.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => {});
    await server.end();
  }
}
