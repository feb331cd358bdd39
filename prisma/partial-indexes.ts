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
