/** The page size asked for, between 1 and 100, or `fallback` when none was asked for. */
export function pageSizeOf(requested: number | undefined, fallback: number): number {
  return Math.min(Math.max(requested ?? fallback, 1), 100);
}

/**
 * A search string that can be sent to the database: a control character matches no stored text,
 * and PostgreSQL refuses NUL in a query, so they are dropped.
 */
export function searchTextOf(raw: string | undefined): string | undefined {
  return raw?.replace(/\p{Cc}/gu, "").trim();
}

/**
 * Where the asked-for page sits among `total` rows, newest first by (createdAt, id): a page past
 * the end shows the last one. Spread `query` into findMany.
 */
export function pageOf(total: number, requested: number | undefined, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(requested ?? 1), 1), pageCount);
  return {
    page,
    pageCount,
    query: {
      orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    },
  };
}
