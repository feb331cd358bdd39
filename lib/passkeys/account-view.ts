import type { Db } from "../db/client";
import { listPasskeys } from "./store";

/** One passkey as the account page lists it (dates formatted on the server). */
export type PasskeyRowData = { id: string; name: string; createdAt: string; lastUsedAt?: string };

/** The account page's passkey list for a user, dates formatted in the reader's language. */
export async function passkeyRows(
  db: Db,
  userId: string,
  formatDate: (value: Date) => string,
): Promise<PasskeyRowData[]> {
  return (await listPasskeys(db, userId)).map((p) => ({
    id: p.id,
    name: p.name,
    createdAt: formatDate(p.createdAt),
    ...(p.lastUsedAt ? { lastUsedAt: formatDate(p.lastUsedAt) } : {}),
  }));
}
