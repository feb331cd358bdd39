import { type Column, type ForeignKey, type Index, normalizePredicate, type Schema, type Table } from "./schema";

/** One side of a comparison and the word each difference line uses for it ("migrations", "sqlite"). */
export type Side = { name: string; schema: Schema };

/**
 * Every difference between two databases, one line each, in a stable order:
 * `<scope>: <subject>: <what differs>`, e.g.
 * `sqlite migrations vs models: index OidcPayload.OidcPayload_grantId_idx: where: migrations (none), models "grantId" IS NOT NULL`.
 * Types are compared as each database spells them when both sides are the same dialect, and
 * by kind (text, datetime...) across dialects.
 */
export function compareSchemas(scope: string, left: Side, right: Side): string[] {
  const crossDialect = left.schema.dialect !== right.schema.dialect;
  const lines: string[] = [];
  const say = (subject: string, detail: string) => lines.push(`${scope}: ${subject}: ${detail}`);
  const differ = (subject: string, aspect: string, a: string, b: string) => {
    if (a !== b) say(subject, `${aspect}: ${left.name} ${a}, ${right.name} ${b}`);
  };

  for (const [name, a, b] of pair(left.schema.tables, right.schema.tables, (table) => table.name)) {
    if (!a || !b) {
      say(`table ${name}`, `only in ${a ? left.name : right.name}`);
      continue;
    }
    compareColumns(a, b, crossDialect, [left.name, right.name], say, differ);
    differ(`primary key of ${name}`, "columns", list(a.primaryKey), list(b.primaryKey));
    for (const [key, x, y] of pair(a.foreignKeys, b.foreignKeys, foreignKeyName)) {
      const subject = `foreign key ${name}${key}`;
      if (!x || !y) say(subject, `only in ${x ? left.name : right.name}`);
      else {
        differ(subject, "on delete", x.onDelete, y.onDelete);
        differ(subject, "on update", x.onUpdate, y.onUpdate);
      }
    }
    for (const [index, x, y] of pair(a.indexes, b.indexes, (item) => item.name)) {
      const subject = `index ${name}.${index}`;
      if (!x || !y) say(subject, `only in ${x ? left.name : right.name}${definition(x ?? y!)}`);
      else compareIndexes(subject, x, y, differ);
    }
  }
  return lines;
}

type Say = (subject: string, detail: string) => void;
type Differ = (subject: string, aspect: string, a: string, b: string) => void;

function compareColumns(a: Table, b: Table, crossDialect: boolean, names: string[], say: Say, differ: Differ) {
  for (const [column, x, y] of pair(a.columns, b.columns, (item) => item.name)) {
    const subject = `column ${a.name}.${column}`;
    if (!x || !y) {
      say(subject, `only in ${x ? names[0] : names[1]}`);
      continue;
    }
    const type = (c: Column) => (crossDialect ? c.kind : c.type);
    differ(subject, "type", type(x), type(y));
    differ(subject, "null", x.nullable ? "nullable" : "not null", y.nullable ? "nullable" : "not null");
    differ(subject, "default", x.default ?? "(none)", y.default ?? "(none)");
  }
}

function compareIndexes(subject: string, x: Index, y: Index, differ: Differ) {
  // Expression keys are compared without quotes: PostgreSQL writes lower(username), a migration lower("username").
  const key = (columns: string[]) => list(columns.map((column) => column.replace(/"/g, "")));
  differ(subject, "columns", key(x.columns), key(y.columns));
  differ(subject, "unique", String(x.unique), String(y.unique));
  // Predicates are compared normalized but shown as each database wrote them.
  if (normalizePredicate(x.where) !== normalizePredicate(y.where))
    differ(subject, "where", x.where ?? "(none)", y.where ?? "(none)");
}

/** Items of both lists matched by key, sorted by key; a missing side is undefined. */
function pair<T>(a: T[], b: T[], key: (item: T) => string): [string, T | undefined, T | undefined][] {
  const left = new Map(a.map((item) => [key(item), item]));
  const right = new Map(b.map((item) => [key(item), item]));
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  return keys.map((name) => [name, left.get(name), right.get(name)]);
}

const list = (items: string[]) => `(${items.join(", ")})`;

const foreignKeyName = (key: ForeignKey) => `${list(key.columns)} -> ${key.table}${list(key.references)}`;

const definition = (index: Index) =>
  ` ${index.unique ? "(unique) " : ""}${list(index.columns)}${index.where ? ` WHERE ${index.where}` : ""}`;
