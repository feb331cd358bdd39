import type Database from "better-sqlite3";
import { storedId } from "../oidc/stored-id";

/**
 * Functions the SQLite migrations call, which SQLite lacks. Registered on every connection
 * that applies migrations (lib/db/migrate.ts, the schema check): a statement naming an unknown
 * function fails even when no row would reach it.
 */
export function registerMigrationFunctions(db: Database.Database) {
  // 0024: the hash credentials are stored under, the same function as the adapter's.
  db.function("latchkey_sha256_b64url", { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? storedId(value) : null,
  );
}
