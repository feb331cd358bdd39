import { containsText, type Database } from "../db/client";
import { pageOf, pageSizeOf, searchTextOf } from "../db/paging";
import type { ApplicationType } from "./types";

export const parties = ["first-party", "third-party"] as const;
export type Party = (typeof parties)[number];

const firstPartyTypes: ApplicationType[] = ["traditional", "spa", "native", "m2m"];

export type ApplicationRowView = {
  id: string;
  clientId: string;
  name: string;
  type: ApplicationType;
  createdAt: Date;
  /** A third-party app with no redirect URI: nobody can sign in to it yet. */
  missingRedirect: boolean;
};

export type ApplicationPage = {
  items: ApplicationRowView[];
  /** Applications matching the tab and the search. */
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** Every application of each kind, whatever the search: the counts on the tabs. */
  counts: Record<Party, number>;
};

export type ListQuery = { party: Party; search?: string; page?: number; pageSize?: number };

/**
 * One page of a tab. Ordered newest first by (createdAt, id), which the (type, createdAt) index
 * serves; the counts are index-only. Search is a case-insensitive substring of the name.
 */
export async function listApplicationPage(database: Database, query: ListQuery): Promise<ApplicationPage> {
  const db = database.prisma;
  const pageSize = pageSizeOf(query.pageSize, 20);
  const search = searchTextOf(query.search);
  const typeFilter = query.party === "third-party" ? { type: "third-party" } : { type: { in: firstPartyTypes } };
  const nameFilter = search ? { name: containsText(database, search) } : {};
  const where = { ...typeFilter, ...nameFilter };

  const [thirdParty, firstParty, total] = await Promise.all([
    db.application.count({ where: { type: "third-party" } }),
    db.application.count({ where: { type: { in: firstPartyTypes } } }),
    search ? db.application.count({ where }) : undefined,
  ]);
  const matching = total ?? (query.party === "third-party" ? thirdParty : firstParty);
  const { page, pageCount, query: pageQuery } = pageOf(matching, query.page, pageSize);
  const rows = await db.application.findMany({
    where,
    ...pageQuery,
    select: { id: true, clientId: true, name: true, type: true, createdAt: true, redirectUris: true },
  });
  return {
    items: rows.map(({ redirectUris, ...row }) => ({
      ...row,
      type: row.type as ApplicationType,
      missingRedirect: row.type === "third-party" && (JSON.parse(redirectUris) as string[]).length === 0,
    })),
    total: matching,
    page,
    pageCount,
    pageSize,
    counts: { "first-party": firstParty, "third-party": thirdParty },
  };
}
