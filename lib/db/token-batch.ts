import type { Db } from "./client";

/** One batch of client_credentials tokens as stored: a row per batch, not per token. */
export type TokenBatchRow = { id: string; batchId: string; tokens: string; expiresAt: Date };

export async function writeTokenBatch(db: Db, batch: TokenBatchRow): Promise<void> {
  await db.tokenBatch.create({ data: batch });
}
