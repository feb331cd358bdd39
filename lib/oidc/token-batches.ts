import type { AdapterPayload } from "oidc-provider";
import { DatabaseUnavailableError } from "../db/availability";
import type { DatabaseTimeouts } from "../db/timeouts";
import type { BatchWriter, TokenBatchRow } from "../db/token-batch";
import { randomId } from "../ids";

/** Length of the batch id that starts every client_credentials token value. */
export const BATCH_ID_LENGTH = 12;

type Batch = {
  prefix: string;
  /** Token id -> its payload, already serialised (a flat string is cheap to keep until the write). */
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
 * waits (its request does not answer) until the transaction holding it has committed. One write
 * is in flight at a time; tokens issued meanwhile queue and go together in the next one, so the
 * busier the endpoint, the more tokens share a write, and an idle endpoint writes a token at once.
 *
 * Each token's value starts with the id of the group it belongs to, and a group is one
 * TokenBatch row, so any instance finds a token by reading its group's row. `writer` has its own
 * connection (see token-batch.ts). A failed or timed-out write rejects every token in it with
 * DatabaseUnavailableError (the token endpoint answers 503): nothing is answered that is not
 * stored.
 */
export class TokenBatches {
  /** The prefix new tokens get; a new one at every write. */
  private prefix = randomId(BATCH_ID_LENGTH);
  /** Groups waiting for the next write, by prefix (a token issued across a write lands in a second group). */
  private open = new Map<string, Batch>();
  private writing: Write | undefined;
  private scheduled = false;
  private seq = 0;
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

  /** Stores a token in the group its value's prefix names; resolves once it is committed. */
  add(id: string, payload: AdapterPayload, expiresAt: number): Promise<void> {
    if (this.closed) return Promise.reject(new DatabaseUnavailableError("the server is shutting down"));
    const prefix = id.slice(0, BATCH_ID_LENGTH);
    let batch = this.open.get(prefix);
    if (!batch) {
      batch = newBatch(prefix);
      this.open.set(prefix, batch);
    }
    batch.tokens.set(id, JSON.stringify(payload));
    batch.expiresAt = Math.max(batch.expiresAt, expiresAt);
    this.schedule();
    return batch.committed;
  }

  /**
   * Writes at the end of this turn of the event loop, so tokens issued in the same turn share
   * the write; while a write is in flight its completion starts the next one instead.
   */
  private schedule() {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.write();
    });
  }

  private write() {
    if (this.writing || this.open.size === 0) return;
    const batches = [...this.open.values()];
    this.open = new Map();
    this.prefix = randomId(BATCH_ID_LENGTH);
    const seq = ++this.seq;
    // A write the database never answers fails the waiting requests instead of holding them.
    const limit = this.timeouts.connectMs + this.timeouts.statementMs + 1000;
    const timer = setTimeout(() => this.finish(new Error(`the token write took over ${limit} ms`)), limit);
    this.writing = { batches, timer };
    this.writer.write(batches.map(TokenBatches.row)).then(
      () => seq === this.seq && this.finish(),
      (error: unknown) => seq === this.seq && this.finish(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private finish(error?: Error) {
    const write = this.writing;
    if (!write) return;
    this.writing = undefined;
    // A late answer to this write (after a timeout) must not settle the next one.
    this.seq++;
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
      id: randomId(),
      batchId: batch.prefix,
      // Token ids are URL-safe (no quoting needed) and payloads are JSON already.
      tokens: `{${Array.from(batch.tokens, ([id, json]) => `"${id}":${json}`).join(",")}}`,
      expiresAt: new Date(batch.expiresAt),
    };
  }

  /** Resolves once nothing is queued or being written. */
  async drain(): Promise<void> {
    for (;;) {
      const pending = [...(this.writing?.batches ?? []), ...this.open.values()];
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
