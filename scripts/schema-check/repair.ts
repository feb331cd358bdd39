import {
  type ExpressionIndex,
  expressionIndexes,
  type PartialIndex,
  partialIndexes,
} from "../../prisma/partial-indexes";

/** A plain `CREATE [UNIQUE] INDEX "name" ON "table"(columns);`, as Prisma writes one (no WHERE). */
const createIndex = /CREATE (UNIQUE )?INDEX "([^"]+)" ON "([^"]+)"\s*\(([^;]*?)\)\s*;/g;

/**
 * Puts the WHERE back on declared partial indexes, and the expression keys back on declared
 * expression indexes, that generated SQL creates plainly: Prisma's schema cannot express them,
 * so when SQLite rebuilds a table to change a column it recreates them as plain indexes.
 * Returns the SQL and the names of the indexes it repaired.
 */
export function repairPartialIndexes(
  sql: string,
  partial: readonly PartialIndex[] = partialIndexes,
  expressions: readonly ExpressionIndex[] = expressionIndexes,
): { sql: string; repaired: string[] } {
  const repaired: string[] = [];
  const fixed = sql.replace(createIndex, (statement, unique: string | undefined, name: string, table: string) => {
    const matches = (item: { name: string; table: string }) => item.name === name && item.table === table;
    const declared = partial.find(matches);
    const expression = expressions.find(matches);
    if (!declared && !expression) return statement;
    repaired.push(name);
    const head = expression
      ? `CREATE ${unique ?? ""}INDEX "${name}" ON "${table}"(${expression.columns.join(", ")})`
      : statement.replace(/\s*;$/, "");
    return declared ? `${head} WHERE ${declared.where};` : `${head};`;
  });
  return { sql: fixed, repaired };
}
