import { type PartialIndex, partialIndexes } from "../../prisma/partial-indexes";

/** A plain `CREATE [UNIQUE] INDEX "name" ON "table"(columns);`, as Prisma writes one (no WHERE). */
const createIndex = /CREATE (UNIQUE )?INDEX "([^"]+)" ON "([^"]+)"\s*\(([^;]*?)\)\s*;/g;

/**
 * Puts the WHERE back on declared partial indexes that generated SQL creates plainly: Prisma's
 * schema cannot express them, so when SQLite rebuilds a table to change a column it recreates
 * them as full indexes. Returns the SQL and the names of the indexes it repaired.
 */
export function repairPartialIndexes(
  sql: string,
  partial: readonly PartialIndex[] = partialIndexes,
): { sql: string; repaired: string[] } {
  const repaired: string[] = [];
  const fixed = sql.replace(createIndex, (statement, _unique, name: string, table: string) => {
    const declared = partial.find((item) => item.name === name && item.table === table);
    if (!declared) return statement;
    repaired.push(name);
    return `${statement.replace(/\s*;$/, "")} WHERE ${declared.where};`;
  });
  return { sql: fixed, repaired };
}
