/** A database's structure as the check compares it; both dialects are read into this shape. */
export type Dialect = "sqlite" | "postgresql";

export type Column = {
  name: string;
  /** The type as this database spells it (TEXT, DATETIME; text, timestamp(3) without time zone). */
  type: string;
  /** The same type in words both dialects share (text, datetime), for comparing across them. */
  kind: string;
  nullable: boolean;
  /** The default expression, casts and spelling differences removed; null when there is none. */
  default: string | null;
};

export type ForeignKey = {
  columns: string[];
  table: string;
  references: string[];
  onDelete: string;
  onUpdate: string;
};

export type Index = { name: string; columns: string[]; unique: boolean; where: string | null };

export type Table = {
  name: string;
  columns: Column[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  indexes: Index[];
};

export type Schema = { dialect: Dialect; tables: Table[] };

/** Tables the check leaves out: migration ledgers (`_latchkey_migrations`) are not part of the models. */
export const isBookkeeping = (table: string) => table.startsWith("_");

const kinds: [RegExp, string][] = [
  [/^(text|character varying.*|varchar.*|character.*|char.*)$/, "text"],
  [/^(integer|int|int4|smallint|int2)$/, "integer"],
  [/^(bigint|int8)$/, "bigint"],
  [/^(boolean|bool)$/, "boolean"],
  [/^(datetime|timestamp.*|date)$/, "datetime"],
  [/^(real|double precision|float.*)$/, "float"],
  [/^(decimal.*|numeric.*)$/, "decimal"],
  [/^(blob|bytea)$/, "bytes"],
  [/^(jsonb?)$/, "json"],
];

/** A column type in words both dialects share: SQLite's DATETIME and PostgreSQL's timestamp(3) are both "datetime". */
export function typeKind(type: string): string {
  const lower = type.trim().toLowerCase();
  return kinds.find(([pattern]) => pattern.test(lower))?.[1] ?? lower;
}

/**
 * A default expression without what only the dialect adds: PostgreSQL's casts (`'[]'::text`) and
 * enclosing parentheses; `now()` is written CURRENT_TIMESTAMP.
 */
export function normalizeDefault(expression: string | null | undefined): string | null {
  if (expression === null || expression === undefined) return null;
  let value = stripParentheses(expression.trim());
  let previous: string;
  do {
    previous = value;
    value = stripParentheses(value.replace(/::[a-z_ ]+(\(\d+(,\s*\d+)?\))?(\[\])?$/i, "").trim());
  } while (value !== previous);
  if (/^now\(\)$|^current_timestamp(\(\d+\))?$/i.test(value)) return "CURRENT_TIMESTAMP";
  if (/^(true|false)$/i.test(value)) return value.toLowerCase();
  return value;
}

/**
 * An index predicate in a form both dialects agree on: PostgreSQL writes `("grantId" IS NOT NULL)`,
 * SQLite keeps the text of the migration (`"grantId" IS NOT NULL`). Quotes, parentheses around
 * the whole, letter case and runs of spaces do not count.
 */
export function normalizePredicate(where: string | null | undefined): string | null {
  if (!where) return null;
  return stripParentheses(where.replace(/"/g, "").replace(/\s+/g, " ").trim()).toLowerCase();
}

/** Removes parentheses that enclose the whole expression (and only those). */
function stripParentheses(text: string): string {
  let value = text;
  while (value.startsWith("(") && value.endsWith(")") && enclosesWhole(value)) value = value.slice(1, -1).trim();
  return value;
}

function enclosesWhole(text: string): boolean {
  let depth = 0;
  let quoted: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === quoted) quoted = undefined;
      continue;
    }
    if (char === "'" || char === '"') quoted = char;
    else if (char === "(") depth++;
    else if (char === ")" && --depth === 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}
