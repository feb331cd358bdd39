import type { AdapterPayload } from "oidc-provider";
import { type DirectSql, readDate } from "../db/direct-sql";

/** A stored object's row as the adapter reads it (dates as either database returns them). */
export type PayloadRow = { payload: string; consumedAt: unknown; expiresAt: unknown };
/** A row found by something other than its key (uid, user code), with its key. */
export type KeyedRow = PayloadRow & { id: string };

const columns = `"payload", "consumedAt", "expiresAt"`;
const UPSERT = `INSERT INTO "OidcPayload" ("model", "id", "payload", "grantId", "userCode", "uid", "accountId", "clientId", "expiresAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT ("model", "id") DO UPDATE SET "payload" = excluded."payload", "grantId" = excluded."grantId",
    "userCode" = excluded."userCode", "uid" = excluded."uid", "accountId" = excluded."accountId",
    "clientId" = excluded."clientId", "expiresAt" = excluded."expiresAt"`;

/** The payload a row holds, or undefined when there is none or it has expired (the purge may not have run yet). */
export function decodePayload(row: PayloadRow | undefined): AdapterPayload | undefined {
  if (!row) return undefined;
  const expiresAt = readDate(row.expiresAt);
  if (expiresAt && expiresAt.getTime() <= Date.now()) return undefined;
  const payload = JSON.parse(row.payload) as AdapterPayload;
  const consumedAt = readDate(row.consumedAt);
  if (consumedAt) payload.consumed = Math.floor(consumedAt.getTime() / 1000);
  return payload;
}

/**
 * oidc-provider's objects in the OidcPayload table, keyed by (model, id), with prepared
 * statements (lib/db/direct-sql.ts): the same rows, columns and date format Prisma uses, so the
 * console, the purge and the tests read them with Prisma as before.
 */
export function createPayloadStore(sql: DirectSql) {
  const first = async (query: string, params: (string | null)[]) => (await sql.all<PayloadRow>(query, params))[0];
  return {
    find: (model: string, id: string) =>
      first(`SELECT ${columns} FROM "OidcPayload" WHERE "model" = ? AND "id" = ?`, [model, id]),
    findByUid: (model: string, uid: string) =>
      first(`SELECT "id", ${columns} FROM "OidcPayload" WHERE "model" = ? AND "uid" = ? LIMIT 1`, [
        model,
        uid,
      ]) as Promise<KeyedRow | undefined>,
    findByUserCode: (model: string, userCode: string) =>
      first(`SELECT "id", ${columns} FROM "OidcPayload" WHERE "model" = ? AND "userCode" = ? LIMIT 1`, [
        model,
        userCode,
      ]) as Promise<KeyedRow | undefined>,

    /** Stores or replaces an object; a used code keeps its consumedAt. */
    async upsert(model: string, id: string, payload: AdapterPayload, expiresAt: Date | null) {
      await sql.run(UPSERT, [
        model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.userCode ?? null,
        payload.uid ?? null,
        payload.accountId ?? null,
        payload.clientId ?? null,
        expiresAt,
      ]);
    },

    /** The newest unexpired grant an account gave a client, in any session. */
    async newestGrantId(accountId: string, clientId: string) {
      const rows = await sql.all<{ id: string }>(
        `SELECT "id" FROM "OidcPayload" WHERE "model" = 'Grant' AND "accountId" = ? AND "clientId" = ?
          AND ("expiresAt" IS NULL OR "expiresAt" > ?) ORDER BY "expiresAt" DESC LIMIT 1`,
        [accountId, clientId, new Date()],
      );
      return rows[0]?.id;
    },

    /** Creates a row carrying no payload (a revocation mark); one already there is left as it is. */
    async mark(model: string, id: string, expiresAt: Date) {
      await sql.run(
        `INSERT INTO "OidcPayload" ("model", "id", "payload", "expiresAt") VALUES (?, ?, '{}', ?) ON CONFLICT ("model", "id") DO NOTHING`,
        [model, id, expiresAt],
      );
    },

    async exists(model: string, id: string) {
      const rows = await sql.all(`SELECT 1 AS "found" FROM "OidcPayload" WHERE "model" = ? AND "id" = ?`, [model, id]);
      return rows.length > 0;
    },

    /** Marks an unused object used; false when it was used already (or is gone). */
    async consume(model: string, id: string) {
      const changed = await sql.run(
        `UPDATE "OidcPayload" SET "consumedAt" = ? WHERE "model" = ? AND "id" = ? AND "consumedAt" IS NULL`,
        [new Date(), model, id],
      );
      return changed > 0;
    },

    /** The rows of a batch of client_credentials tokens (token-batches.ts): a JSON object each. */
    async batchTokens(batchId: string) {
      const rows = await sql.all<{ tokens: string }>(`SELECT "tokens" FROM "TokenBatch" WHERE "batchId" = ?`, [
        batchId,
      ]);
      return rows.map((row) => row.tokens);
    },

    async grantIdOf(model: string, id: string) {
      const rows = await sql.all<{ grantId: string | null }>(
        `SELECT "grantId" FROM "OidcPayload" WHERE "model" = ? AND "id" = ?`,
        [model, id],
      );
      return rows[0]?.grantId ?? undefined;
    },

    async destroy(model: string, id: string) {
      await sql.run(`DELETE FROM "OidcPayload" WHERE "model" = ? AND "id" = ?`, [model, id]);
    },

    async destroyByGrantId(model: string, grantId: string) {
      await sql.run(`DELETE FROM "OidcPayload" WHERE "model" = ? AND "grantId" = ?`, [model, grantId]);
    },

    /** Everything issued under a grant, and the grant itself, but not the mark `keep` names. */
    async destroyGrant(grantId: string, keep: string) {
      await sql.run(
        `DELETE FROM "OidcPayload" WHERE ("grantId" = ? AND "model" <> ?) OR ("model" = 'Grant' AND "id" = ?)`,
        [grantId, keep, grantId],
      );
    },
  };
}

export type PayloadStore = ReturnType<typeof createPayloadStore>;
