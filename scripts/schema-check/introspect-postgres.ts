import type pg from "pg";
import { isBookkeeping, normalizeDefault, type Schema, type Table, typeKind } from "./schema";

// Everything is read from the catalogs of the `public` schema, where the migrations create their tables.
const TABLES = `
  SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`;

const COLUMNS = `
  SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS "default"
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY c.relname, a.attnum`;

/** Primary and foreign keys, with their columns in key order. */
const CONSTRAINTS = `
  SELECT c.relname AS "table", k.contype AS kind, f.relname AS "references",
         ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(num, pos)
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.pos)::text[] AS columns,
         ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(num, pos)
               JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.pos)::text[] AS "referencedColumns",
         k.confdeltype AS "onDelete", k.confupdtype AS "onUpdate"
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class f ON f.oid = k.confrelid
  WHERE n.nspname = 'public' AND k.contype IN ('p', 'f')
  ORDER BY c.relname, k.conname`;

/** Every index but the primary key's, with its key columns (DESC marked) and predicate. */
const INDEXES = `
  SELECT t.relname AS "table", ic.relname AS name, i.indisunique AS "unique",
         ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, false)
                      || CASE WHEN i.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
               FROM generate_series(1, i.indnkeyatts) k ORDER BY k)::text[] AS columns,
         pg_get_expr(i.indpred, i.indrelid) AS "where"
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE n.nspname = 'public' AND NOT i.indisprimary
  ORDER BY ic.relname`;

/** pg_constraint's one-letter referential actions. */
const actions: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

type ColumnRow = { table: string; name: string; type: string; notNull: boolean; default: string | null };
type ConstraintRow = {
  table: string;
  kind: "p" | "f";
  references: string | null;
  columns: string[];
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
};
type IndexRow = { table: string; name: string; unique: boolean; columns: string[]; where: string | null };

/** Reads tables, columns, keys and indexes (with their WHERE clauses) from a PostgreSQL database. */
export async function introspectPostgres(client: pg.Client): Promise<Schema> {
  const names = (await client.query<{ name: string }>(TABLES)).rows.map((row) => row.name);
  const tables = new Map<string, Table>(
    names
      .filter((name) => !isBookkeeping(name))
      .map((name) => [name, { name, columns: [], primaryKey: [], foreignKeys: [], indexes: [] }]),
  );
  for (const row of (await client.query<ColumnRow>(COLUMNS)).rows) {
    tables.get(row.table)?.columns.push({
      name: row.name,
      type: row.type,
      kind: typeKind(row.type),
      nullable: !row.notNull,
      default: normalizeDefault(row.default),
    });
  }
  for (const row of (await client.query<ConstraintRow>(CONSTRAINTS)).rows) {
    const table = tables.get(row.table);
    if (!table) continue;
    if (row.kind === "p") table.primaryKey = row.columns;
    else
      table.foreignKeys.push({
        columns: row.columns,
        table: row.references ?? "",
        references: row.referencedColumns,
        onDelete: actions[row.onDelete] ?? row.onDelete,
        onUpdate: actions[row.onUpdate] ?? row.onUpdate,
      });
  }
  for (const row of (await client.query<IndexRow>(INDEXES)).rows) {
    tables.get(row.table)?.indexes.push({
      name: row.name,
      // pg_get_indexdef quotes names that need it ("grantId"); SQLite reports bare names.
      columns: row.columns.map((column) => column.replace(/^"(.*)"( DESC)?$/, "$1$2")),
      unique: row.unique,
      where: row.where,
    });
  }
  return { dialect: "postgresql", tables: [...tables.values()] };
}
