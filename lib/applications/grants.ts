import type { Db } from "../db/client";

export type GrantedUser = { id: string; email: string; name: string };

/**
 * Who has an unexpired grant for this client (consent remembered, or a session): how many, and
 * the first `limit` of them by email, for the Permissions tab to link to.
 */
export async function listGrantedUsers(
  db: Db,
  clientId: string,
  limit = 10,
): Promise<{ total: number; users: GrantedUser[] }> {
  const rows = await db.oidcPayload.groupBy({
    by: ["accountId"],
    where: { model: "Grant", clientId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
  });
  const ids = rows.flatMap((row) => (row.accountId ? [row.accountId] : []));
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, email: true, name: true },
    orderBy: { email: "asc" },
    take: limit,
  });
  return { total: ids.length, users };
}
