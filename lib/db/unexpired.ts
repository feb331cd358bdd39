/**
 * The `where` clause for rows that have not expired: no `expiresAt`, or one still ahead. (The
 * purge deletes expired rows only every few minutes, so readers must not count on their absence.)
 */
export function unexpired() {
  return { OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] };
}
