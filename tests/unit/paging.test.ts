import { describe, expect, it } from "vitest";
import { pageOf, pageSizeOf, searchTextOf } from "../../lib/db/paging";

describe("list paging", () => {
  it("keeps the page size between 1 and 100, with the list's own default", () => {
    expect([pageSizeOf(undefined, 25), pageSizeOf(0, 25), pageSizeOf(500, 25), pageSizeOf(40, 25)]).toEqual([
      25, 1, 100, 40,
    ]);
  });

  it("shows the last page for a page past the end, and the first for nonsense", () => {
    expect(pageOf(45, 9, 20)).toMatchObject({ page: 3, pageCount: 3, query: { skip: 40, take: 20 } });
    expect(pageOf(45, -2, 20)).toMatchObject({ page: 1, query: { skip: 0 } });
    expect(pageOf(0, 2.7, 20)).toMatchObject({ page: 1, pageCount: 1 });
  });

  it("drops control characters (PostgreSQL refuses NUL) and trims the search", () => {
    expect(searchTextOf(" Ada\u0000 Love\tlace ")).toBe("Ada Lovelace");
    expect(searchTextOf(undefined)).toBeUndefined();
  });
});
