/**
 * Indexes the migrations make partial, which Prisma's schema language cannot say: the models
 * declare them as plain `@@index`, and the hand-edited SQL adds the `WHERE`. This list is the one
 * place that says so. `npm run db:check` expects exactly these `WHERE` clauses (and none on any
 * other index), and `npm run db:new-migration` puts them back when Prisma's SQL recreates one of
 * these indexes plainly (SQLite rebuilds a table, and its indexes, to change a column).
 *
 * Why they are partial: most OidcPayload rows, client_credentials tokens above all, have no grant,
 * uid, user code or account, and leaving them out of these indexes keeps the token endpoint's
 * inserts cheap.
 */
export type PartialIndex = { table: string; name: string; where: string };

export const partialIndexes: readonly PartialIndex[] = [
  { table: "OidcPayload", name: "OidcPayload_grantId_idx", where: '"grantId" IS NOT NULL' },
  { table: "OidcPayload", name: "OidcPayload_uid_idx", where: '"uid" IS NOT NULL' },
  { table: "OidcPayload", name: "OidcPayload_userCode_idx", where: '"userCode" IS NOT NULL' },
  { table: "OidcPayload", name: "OidcPayload_model_accountId_idx", where: '"accountId" IS NOT NULL' },
];

/**
 * Indexes whose key the migrations make an expression, which Prisma's schema language cannot
 * say either: the models declare a plain `@unique`, the hand-written SQL indexes the expression.
 * `npm run db:check` expects exactly these keys (quotes aside) on both databases, and
 * `npm run db:new-migration` puts them back when Prisma's SQL recreates the index plainly.
 *
 * Why: usernames are unique whatever their letter case (Ada and ada are one user), on SQLite
 * and PostgreSQL alike, while the user's own spelling is kept for preferred_username.
 */
export type ExpressionIndex = { table: string; name: string; columns: string[] };

export const expressionIndexes: readonly ExpressionIndex[] = [
  { table: "User", name: "User_username_key", columns: ['lower("username")'] },
];
