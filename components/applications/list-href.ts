import type { Party } from "@/lib/applications/list";

/** The URL of a tab of the applications list, with its search and page. */
export function listHref(party: Party, search?: string, page?: number): string {
  const params = new URLSearchParams();
  if (party === "third-party") params.set("tab", party);
  if (search) params.set("q", search);
  if (page && page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/applications?${query}` : "/applications";
}
