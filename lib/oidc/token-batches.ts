import type { AdapterPayload } from "oidc-provider";
import { DatabaseUnavailableError } from "../db/availability";
import type { DatabaseTimeouts } from "../db/timeouts";
import type { BatchWriter, TokenBatchRow } from "../db/token-batch";
import { timeOrderedId } from "../ids";
import { storedId } from "./stored-id";

/** Length of the batch id that starts every client_credentials token value. */
export const BATCH_ID_LENGTH = 12;

type Batch = {
  prefix: string;
  /** Hash of the token's value (stored-id.ts) -> its payload, already serialised (a flat string is cheap to keep until the write). */
  tokens: Map<string, string>;
  expiresAt: number;
  committed: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
};

type Write = { batches: Batch[]; timer: NodeJS.Timeout };

function newBatch(prefix: string): Batch {
  const batch = { prefix, tokens: new Map(), expiresAt: 0 } as unknown as Batch;
  batch.committed = new Promise<void>((resolve, reject) => {
    batch.resolve = resolve;
    batch.reject = reject;
  });
  // A group that fails while nobody waits on it yet must not crash the process.
  batch.committed.catch(() => {});
  return batch;
}

/**
 * client_credentials tokens, the token endpoint's hot path, stored by group commit: every token
 * waits (its request does not answer) until the transaction holding it has committed. Up to the
 * writer's `depth` writes are in flight at a time (one on SQLite; a few pipelined on PostgreSQL's
 * connection, so tokens need not wait for an earlier write's round trip before theirs starts);
 * tokens issued meanwhile queue and go together in the next one, so the busier the endpoint, the
 * more tokens share a write, and an idle endpoint writes a token at once.
 *
 * Each token's value starts with the id of the group it belongs to, and a group is one
 * TokenBatch row, so any instance finds a token by reading its group's row. `writer` has its own
 * connection (see token-batch.ts). A failed or timed-out write rejects every token in it with
 * DatabaseUnavailableError (the token endpoint answers 503): nothing is answered that is not
 * stored.
 */
export class TokenBatches {
  /**
   * The prefix new tokens get; a new one at every write. Time-ordered, like the rows' ids, so
   * both go to the end of their index (the token's secrecy is in the random part after it).
   */
  private prefix = timeOrderedId(BATCH_ID_LENGTH);
  /** Groups waiting for the next write, by prefix (a token issued across a write lands in a second group). */
  private open = new Map<string, Batch>();
  /** Writes in flight; one that timed out leaves the set, so its late answer settles nothing. */
  private writing = new Set<Write>();
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly writer: BatchWriter,
    private readonly timeouts: DatabaseTimeouts,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The value for a new token: the current prefix, then the random part oidc-provider made. */
  tokenId(random: string): string {
    return `${this.prefix}${random}`;
  }

  /**
   * Stores a token in the group its value's prefix names, under the hash of its value (the
   * prefix alone is useless to a reader of the row); resolves once it is committed.
   */
  add(id: string, payload: AdapterPayload, expiresAt: number): Promise<void> {
    if (this.closed) return Promise.reject(new DatabaseUnavailableError("the server is shutting down"));
    const prefix = id.slice(0, BATCH_ID_LENGTH);
    let batch = this.open.get(prefix);
    if (!batch) {
      batch = newBatch(prefix);
      this.open.set(prefix, batch);
    }
    batch.tokens.set(storedId(id), JSON.stringify(payload));
    batch.expiresAt = Math.max(batch.expiresAt, expiresAt);
    this.schedule();
    return batch.committed;
  }

  /**
   * Writes at the end of this turn of the event loop, so tokens issued in the same turn share
   * the write; while `depth` writes are in flight the first to complete starts the next instead.
   */
  private schedule() {
    if (this.writing.size >= this.writer.depth || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.write();
    });
  }

  private write() {
    if (this.writing.size >= this.writer.depth || this.open.size === 0) return;
    const batches = [...this.open.values()];
    this.open = new Map();
    this.prefix = timeOrderedId(BATCH_ID_LENGTH);
    // A write the database never answers fails the waiting requests instead of holding them.
    const limit = this.timeouts.connectMs + this.timeouts.statementMs + 1000;
    const write: Write = {
      batches,
      timer: setTimeout(() => this.finish(write, new Error(`the token write took over ${limit} ms`)), limit),
    };
    this.writing.add(write);
    this.writer.write(batches.map(TokenBatches.row)).then(
      () => this.finish(write),
      (error: unknown) => this.finish(write, error instanceof Error ? error : new Error(String(error))),
    );
  }

  private finish(write: Write, error?: Error) {
    // A late answer to a write that already timed out settles nothing.
    if (!this.writing.delete(write)) return;
    clearTimeout(write.timer);
    if (error) {
      this.onError(error);
      const unavailable = new DatabaseUnavailableError(`token not stored: ${error.message}`);
      for (const batch of write.batches) batch.reject(unavailable);
    } else for (const batch of write.batches) batch.resolve();
    if (this.open.size) this.write();
  }

  private static row(batch: Batch): TokenBatchRow {
    return {
      id: timeOrderedId(),
      batchId: batch.prefix,
      // Keys are base64url hashes (no quoting needed) and payloads are JSON already.
      tokens: `{${Array.from(batch.tokens, ([id, json]) => `"${id}":${json}`).join(",")}}`,
      expiresAt: new Date(batch.expiresAt),
    };
  }

  /** Resolves once nothing is queued or being written. */
  async drain(): Promise<void> {
    for (;;) {
      const pending = [...[...this.writing].flatMap((write) => write.batches), ...this.open.values()];
      if (!pending.length) return;
      this.schedule();
      await Promise.allSettled(pending.map((batch) => batch.committed));
    }
  }

  /** Writes what is pending, then closes the writer's connection. */
  async close() {
    await this.drain();
    this.closed = true;
    await this.writer.close();
  }
}
