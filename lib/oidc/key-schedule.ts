/**
 * When each signing key is published and when it signs, derived from the stored rows and the
 * clock alone. Every instance runs this same function on the same rows, so they agree without
 * talking to each other; the stored status only catches up later (see settleSigningKeys), and
 * nothing here depends on it having done so.
 *
 * Per algorithm: the key that signs is the newest one whose activation time has come; a key
 * whose activation time is still ahead is "next" (published, not signing); every other key is
 * "previous" (published, not signing) until it retires, a day after its successor took over.
 */

export const keyStatuses = ["current", "next", "previous"] as const;
export type KeyStatus = (typeof keyStatuses)[number];

/** A signing key as stored, without its private value. */
export type SigningKeyRow = {
  id: string;
  alg: string | null;
  status: string;
  createdAt: Date;
  activatesAt: Date | null;
  retiresAt: Date | null;
};

export type ScheduledKey = {
  id: string;
  alg: string;
  status: KeyStatus;
  createdAt: Date;
  /** When the key started, or starts, signing. */
  activatesAt: Date;
  /** Previous keys: when the key leaves the JWKS. */
  retiresAt?: Date;
};

/**
 * How long a replaced key stays published. It must outlive everything signed with it: ID tokens
 * live an hour (the longest-lived signed artefact), so a day leaves a wide margin.
 */
export const PREVIOUS_KEY_RETENTION_MS = 24 * 60 * 60 * 1000;

const rank: Record<KeyStatus, number> = { current: 0, previous: 1, next: 2 };

const since = (row: SigningKeyRow) => row.activatesAt ?? row.createdAt;
/** Keys without an activation time (the first ones) sign from the start, whatever the clock says. */
const started = (row: SigningKeyRow, now: Date) =>
  row.status !== "previous" && (row.activatesAt === null || row.activatesAt <= now);

/**
 * The published keys at `now`, in the order the provider must hold them: oidc-provider signs
 * with the first key of the algorithm it needs, so each algorithm's signing key comes first.
 * Previous keys come before next ones, so that even a database with no current key for an
 * algorithm would never sign with a key other instances may not publish yet. Retired keys
 * are left out.
 */
export function scheduleKeys(rows: SigningKeyRow[], now: Date): ScheduledKey[] {
  const out: ScheduledKey[] = [];
  const byAlg = new Map<string, SigningKeyRow[]>();
  for (const row of rows) {
    const alg = row.alg ?? "RS256";
    byAlg.set(alg, [...(byAlg.get(alg) ?? []), row]);
  }
  for (const [alg, keys] of byAlg) {
    const newestFirst = [...keys].sort((a, b) => since(b).getTime() - since(a).getTime() || a.id.localeCompare(b.id));
    const signing = newestFirst.find((row) => started(row, now));
    for (const row of newestFirst) {
      const activatesAt = since(row);
      if (row === signing) out.push({ id: row.id, alg, status: "current", createdAt: row.createdAt, activatesAt });
      else if (row.status !== "previous" && row.activatesAt && row.activatesAt > now) {
        out.push({ id: row.id, alg, status: "next", createdAt: row.createdAt, activatesAt });
      } else {
        // Replaced: retire a day after the key that replaced it took over (stored once settled).
        const retiresAt =
          row.retiresAt ?? new Date((signing ? since(signing) : now).getTime() + PREVIOUS_KEY_RETENTION_MS);
        if (retiresAt <= now) continue;
        out.push({ id: row.id, alg, status: "previous", createdAt: row.createdAt, activatesAt, retiresAt });
      }
    }
  }
  return out.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      a.alg.localeCompare(b.alg) ||
      b.activatesAt.getTime() - a.activatesAt.getTime(),
  );
}

/**
 * The next moment the schedule changes by itself (a next key activates, a previous key
 * retires), so a watcher can look again right then instead of up to a poll interval later.
 */
export function nextChange(keys: ScheduledKey[], now: Date): Date | undefined {
  const times = keys
    .flatMap((key) => (key.status === "next" ? [key.activatesAt] : key.retiresAt ? [key.retiresAt] : []))
    .filter((time) => time > now)
    .sort((a, b) => a.getTime() - b.getTime());
  return times[0];
}

/** Identifies what the provider must hold: which keys are published, in which order, and which sign. */
export function fingerprint(keys: ScheduledKey[]): string {
  return keys.map((key) => `${key.id}:${key.status}`).join(",");
}
