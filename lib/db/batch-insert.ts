import type { Db } from "./client";
import type { DatabaseKind } from "./url";

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

const columns = `"model", "id", "payload", "grantId", "userCode", "uid", "accountId", "clientId", "expiresAt"`;

// The batch travels as one JSON parameter that the database unpacks itself (SQLite's json_each,
// PostgreSQL's jsonb_to_recordset): Prisma's per-row cost for createMany (~100 µs a row on these
// machines) would otherwise cost more than issuing the token.
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

/** Inserts many provider rows in one statement; times in the text form Prisma itself stores. */
export async function insertPayloads(db: Db, kind: DatabaseKind, rows: PayloadRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((row) => ({
      ...row,
      expiresAt: row.expiresAt ? row.expiresAt.toISOString().replace("Z", "+00:00") : null,
    })),
  );
  await db.$executeRawUnsafe(insertSql[kind], json);
}
