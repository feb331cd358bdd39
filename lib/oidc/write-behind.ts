import type { Db } from "../db/client";
import type { DatabaseKind } from "../db/url";

export type PayloadRow = {
  model: string;
  id: string;
  payload: string;
  grantId: string | null;
  userCode: string | null;
  uid: string | null;
  accountId: string | null;
  clientId: string | null;
  expiresAt: Date | null;
};

/**
 * Batches inserts of new, insert-only objects (client_credentials tokens: the token endpoint's
 * hot path) into one INSERT every few milliseconds, instead of one statement per token. The batch
 * travels as a single JSON parameter that the database itself unpacks (SQLite's json_each,
 * PostgreSQL's jsonb_to_recordset): Prisma's per-row cost for createMany (~100 µs a row here)
 * would otherwise cost more than issuing the token.
 * Until a row is written it is served from memory, so this process finds every token it issued
 * at once. The trade-off, documented in the README: another instance sharing the database sees a
 * token `delayMs` later, and a crash loses at most the tokens of the current batch (their
 * clients get invalid_token and ask again).
 */
export class WriteBehind {
  private pending = new Map<string, PayloadRow>();
  private writing = new Map<string, PayloadRow>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly kind: DatabaseKind,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 20,
  ) {}

  private static key(model: string, id: string) {
    return `${model}\u0000${id}`;
  }

  add(row: PayloadRow) {
    this.pending.set(WriteBehind.key(row.model, row.id), row);
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** The row if it is still waiting to be written. */
  get(model: string, id: string): PayloadRow | undefined {
    const key = WriteBehind.key(model, id);
    return this.pending.get(key) ?? this.writing.get(key);
  }

  /** Forgets a row that has not been written yet (it was destroyed before the batch ran). */
  forget(model: string, id: string) {
    this.pending.delete(WriteBehind.key(model, id));
  }

  /** Writes everything pending; resolves when it is in the database. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    if (this.pending.size === 0) return;
    this.writing = this.pending;
    this.pending = new Map();
    const rows = [...this.writing.values()];
    this.flushing = this.db
      .$executeRawUnsafe(insertSql[this.kind], JSON.stringify(rows.map(toJson)))
      .then(() => undefined)
      .catch((error) => this.onError(error))
      .finally(() => {
        this.writing = new Map();
        this.flushing = undefined;
      });
    await this.flushing;
  }
}

const columns = `"model", "id", "payload", "grantId", "userCode", "uid", "accountId", "clientId", "expiresAt"`;

const insertSql: Record<DatabaseKind, string> = {
  sqlite: `INSERT INTO "OidcPayload" (${columns})
    SELECT value->>'model', value->>'id', value->>'payload', value->>'grantId', value->>'userCode',
           value->>'uid', value->>'accountId', value->>'clientId', value->>'expiresAt'
    FROM json_each(?)`,
  postgresql: `INSERT INTO "OidcPayload" (${columns})
    SELECT "model", "id", "payload", "grantId", "userCode", "uid", "accountId", "clientId", "expiresAt"::timestamp(3)
    FROM jsonb_to_recordset($1::jsonb) AS x("model" text, "id" text, "payload" text, "grantId" text, "userCode" text,
      "uid" text, "accountId" text, "clientId" text, "expiresAt" text)`,
};

/** A row as the INSERT reads it; times in the text form Prisma itself stores on SQLite. */
function toJson(row: PayloadRow) {
  return { ...row, expiresAt: row.expiresAt ? row.expiresAt.toISOString().replace("Z", "+00:00") : null };
}
