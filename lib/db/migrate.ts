import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { projectRoot } from "../root";
import { registerMigrationFunctions } from "./sqlite-functions";
import { type DatabaseKind, databaseKind, sqliteFile } from "./url";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; alreadyApplied: string[] };

const LEDGER = "_latchkey_migrations";

/** The checked-in migrations for one database, in the order they apply. */
export function migrationsFor(kind: DatabaseKind): Migration[] {
  const dir = join(projectRoot(), "prisma", "migrations", kind);
  return readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), "utf8");
      return {
        name: file.replace(/\.sql$/, ""),
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    });
}

function checkUnchanged(migration: Migration, recorded: string | undefined) {
  if (recorded !== undefined && recorded !== migration.checksum) {
    throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
  }
}

/**
 * Applies every migration the database has not recorded yet, each in its own transaction
 * together with its ledger row, so a failure leaves the database as it was before that step.
 * Safe to run concurrently from several instances (PostgreSQL takes an advisory lock,
 * SQLite an immediate write lock) and a no-op when everything is applied.
 */
export async function migrate(url: string): Promise<MigrationResult> {
  return applyMigrations(url, migrationsFor(databaseKind(url)));
}

/** Applies the given migrations as `migrate` does (tests build a database at an older version with it). */
export async function applyMigrations(url: string, migrations: Migration[]): Promise<MigrationResult> {
  return databaseKind(url) === "postgresql" ? migratePostgres(url, migrations) : migrateSqlite(url, migrations);
}

function migrateSqlite(url: string, migrations: Migration[]): MigrationResult {
  const db = new Database(sqliteFile(url), { timeout: 15000 });
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  try {
    db.pragma("journal_mode = WAL");
    registerMigrationFunctions(db);
    db.exec(
      `CREATE TABLE IF NOT EXISTS "${LEDGER}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    // A migration that rebuilds a table (SQLite's way to alter one) drops it first; with foreign
    // keys on, that would cascade into the rows that reference it. The pragma has no effect
    // inside a transaction, so it is switched off around each one and the keys checked before commit.
    for (const migration of migrations) {
      db.pragma("foreign_keys = OFF");
      db.exec("BEGIN IMMEDIATE");
      try {
        const row = db.prepare(`SELECT checksum FROM "${LEDGER}" WHERE name = ?`).get(migration.name) as
          | { checksum: string }
          | undefined;
        checkUnchanged(migration, row?.checksum);
        if (row) {
          result.alreadyApplied.push(migration.name);
        } else {
          db.exec(migration.sql);
          db.prepare(`INSERT INTO "${LEDGER}" (name, checksum, applied_at) VALUES (?, ?, ?)`).run(
            migration.name,
            migration.checksum,
            new Date().toISOString(),
          );
          result.applied.push(migration.name);
        }
        const broken = db.pragma("foreign_key_check") as unknown[];
        if (broken.length) throw new Error(`Migration ${migration.name} left ${broken.length} broken foreign keys`);
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      } finally {
        db.pragma("foreign_keys = ON");
      }
    }
    // What a migration rewrote (0024: raw token values) must not linger in older frames of the
    // write-ahead log: copied into the file (with secure_delete, freed space zeroed) and cut off.
    if (result.applied.length) db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
  return result;
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  await client.connect();
  try {
    // One lock id for "Latchkey migrations": a second instance waits here until the first is done.
    await client.query("SELECT pg_advisory_lock(7405315)");
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${LEDGER}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${LEDGER}"`);
    const recorded = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const migration of migrations) {
      checkUnchanged(migration, recorded.get(migration.name));
      if (recorded.has(migration.name)) {
        result.alreadyApplied.push(migration.name);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "${LEDGER}" (name, checksum, applied_at) VALUES ($1, $2, now())`, [
          migration.name,
          migration.checksum,
        ]);
        await client.query("COMMIT");
        result.applied.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(7405315)").catch(() => {});
    await client.end();
  }
  return result;
}
