import type { Db } from "../db/client";

/** How many users have an unexpired grant for this client (consent remembered, or a session). */
export async function countGrantedUsers(db: Db, clientId: string): Promise<number> {
  const rows = await db.oidcPayload.groupBy({
    by: ["accountId"],
    where: { model: "Grant", clientId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
  });
  return rows.filter((row) => row.accountId).length;
}
