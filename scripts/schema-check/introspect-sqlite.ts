import type Database from "better-sqlite3";
import {
  type Column,
  type ForeignKey,
  type Index,
  isBookkeeping,
  normalizeDefault,
  type Schema,
  type Table,
  typeKind,
} from "./schema";

type ColumnRow = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
type ForeignKeyRow = { id: number; seq: number; table: string; from: string; to: string | null } & {
  on_update: string;
  on_delete: string;
};
type IndexRow = { name: string; unique: number; origin: string };
type IndexColumnRow = { name: string | null; desc: number; key: number };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Reads tables, columns, keys and indexes (with their WHERE clauses) from an SQLite database. */
export function introspectSqlite(db: Database.Database): Schema {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables = names.filter((name) => !isBookkeeping(name)).map((name) => readTable(db, name));
  return { dialect: "sqlite", tables };
}

function readTable(db: Database.Database, name: string): Table {
  const rows = db.prepare(`PRAGMA table_info(${quote(name)})`).all() as ColumnRow[];
  const columns: Column[] = rows.map((row) => ({
    name: row.name,
    type: row.type.toUpperCase(),
    kind: typeKind(row.type),
    nullable: row.notnull === 0,
    default: normalizeDefault(row.dflt_value),
  }));
  const primaryKey = rows
    .filter((row) => row.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((row) => row.name);
  return { name, columns, primaryKey, foreignKeys: readForeignKeys(db, name), indexes: readIndexes(db, name) };
}

function readForeignKeys(db: Database.Database, table: string): ForeignKey[] {
  const rows = db.prepare(`PRAGMA foreign_key_list(${quote(table)})`).all() as ForeignKeyRow[];
  const byId = new Map<number, ForeignKey>();
  for (const row of rows.sort((a, b) => a.id - b.id || a.seq - b.seq)) {
    const key = byId.get(row.id) ?? {
      columns: [],
      table: row.table,
      references: [],
      onDelete: row.on_delete.toUpperCase(),
      onUpdate: row.on_update.toUpperCase(),
    };
    key.columns.push(row.from);
    // A reference without columns means the referenced table's primary key.
    key.references.push(row.to ?? "(primary key)");
    byId.set(row.id, key);
  }
  return [...byId.values()];
}

function readIndexes(db: Database.Database, table: string): Index[] {
  const rows = db.prepare(`PRAGMA index_list(${quote(table)})`).all() as IndexRow[];
  const definition = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").pluck();
  return (
    rows
      // The primary key's own index is compared as the primary key.
      .filter((row) => row.origin !== "pk")
      .map((row) => {
        const sql = (definition.get(row.name) as string | null) ?? "";
        const expressions = keyTerms(sql);
        const columns = (db.prepare(`PRAGMA index_xinfo(${quote(row.name)})`).all() as IndexColumnRow[])
          .filter((column) => column.key === 1)
          .map(
            (column, position) =>
              `${column.name ?? expressions[position] ?? "(expression)"}${column.desc ? " DESC" : ""}`,
          );
        const where = /\bWHERE\b([\s\S]*)$/i.exec(sql)?.[1].replace(/;\s*$/, "").trim() || null;
        return { name: row.name, columns, unique: row.unique === 1, where };
      })
      .sort((a, b) => a.name.localeCompare(b.name))
  );
}

/**
 * The key terms of a `CREATE INDEX ... ON "table"(term, term)` statement as written (SQLite
 * keeps the text), so an expression key reads `lower("username")` rather than nothing.
 */
function keyTerms(sql: string): string[] {
  const start = /\bON\s+("[^"]+"|\S+?)\s*\(/i.exec(sql);
  if (!start) return [];
  const terms: string[] = [];
  let depth = 0;
  let term = "";
  for (const char of sql.slice(start.index + start[0].length)) {
    if (char === "(") depth++;
    if (char === ")" && depth-- === 0) break;
    if (char === "," && depth === 0) {
      terms.push(term.trim());
      term = "";
    } else term += char;
  }
  terms.push(term.trim());
  // DESC is reported from index_xinfo; keep only the term.
  return terms.map((item) => item.replace(/\s+(ASC|DESC)$/i, ""));
}
