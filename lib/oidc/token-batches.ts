import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AdapterPayload } from "oidc-provider";
import type { TokenBatchRow } from "../db/token-batch";
import { randomId } from "../ids";

/** Where the bundled server finds the worker (dist/writer.mjs), or the source during development. */
function workerScript(): URL {
  const bundled = new URL("./writer.mjs", import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL("../db/writer-worker.ts", import.meta.url);
}

/** Length of the batch id that starts every client_credentials token value. */
export const BATCH_ID_LENGTH = 12;

type Batch = {
  prefix: string;
  /** Token id -> its payload, already serialised (a flat string is cheap to keep until the write). */
  tokens: Map<string, string>;
  expiresAt: number;
  done?: Promise<void>;
  settle?: () => void;
};

/**
 * client_credentials tokens, the token endpoint's hot path, persisted a batch at a time: each
 * token's value starts with the id of the batch it belongs to, the batch is written as one row
 * (TokenBatch) every `delayMs`, by a worker thread with its own connection, and any instance finds
 * a token again by reading its batch's row. This keeps the database cost of a token to a fraction
 * of one INSERT, and off the event loop.
 *
 * Until its batch is written a token is served from memory, so this instance finds it at once;
 * another instance sharing the database finds it up to `delayMs` (plus the write) later, and a
 * crash loses at most the batches not yet written (those clients get invalid_token and ask
 * again). If the worker cannot start, dies, or fails a write, the batch is written on this thread
 * with `fallback` instead.
 */
export class TokenBatches {
  /** The prefix new tokens get; a new one after every flush. */
  private prefix = randomId(BATCH_ID_LENGTH);
  /** Batches not sent yet, by prefix (a token issued across a flush lands in a second batch). */
  private open = new Map<string, Batch>();
  private readonly inFlight = new Map<number, Batch>();
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private worker: Worker | undefined;
  private readonly ready: Promise<boolean>;

  constructor(
    databaseUrl: string,
    private readonly fallback: (batch: TokenBatchRow) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 20,
  ) {
    const worker = new Worker(workerScript(), { workerData: { url: databaseUrl } });
    this.worker = worker;
    this.ready = new Promise<boolean>((resolve) => {
      worker.once("message", () => resolve(true));
      worker.once("exit", () => resolve(false));
    });
    worker.on("error", onError);
    worker.on("message", (message: { seq?: number; error?: string }) => {
      if (message.seq === undefined) return;
      const batch = this.inFlight.get(message.seq);
      if (!batch) return;
      if (message.error) {
        onError(new Error(`token batch write failed in the writer, writing it here: ${message.error}`));
        void this.writeHere(message.seq, batch);
      } else this.settle(message.seq, batch);
    });
    worker.once("exit", () => {
      this.worker = undefined;
      for (const [seq, batch] of this.inFlight) void this.writeHere(seq, batch);
    });
  }

  /** The value for a new token: the current prefix, then the random part oidc-provider made. */
  tokenId(random: string): string {
    return `${this.prefix}${random}`;
  }

  /** Stores a token in the batch its value's prefix names. */
  add(id: string, payload: AdapterPayload, expiresAt: number) {
    const prefix = id.slice(0, BATCH_ID_LENGTH);
    let batch = this.open.get(prefix);
    if (!batch) {
      batch = { prefix, tokens: new Map(), expiresAt: 0 };
      this.open.set(prefix, batch);
    }
    batch.tokens.set(id, JSON.stringify(payload));
    batch.expiresAt = Math.max(batch.expiresAt, expiresAt);
    this.timer ??= setTimeout(() => void this.flush().catch(this.onError), this.delayMs);
  }

  /** A token whose batch is not in the database yet. */
  get(id: string): AdapterPayload | undefined {
    let found = this.open.get(id.slice(0, BATCH_ID_LENGTH))?.tokens.get(id);
    for (const batch of this.inFlight.values()) found ??= batch.tokens.get(id);
    return found === undefined ? undefined : (JSON.parse(found) as AdapterPayload);
  }

  /** Resolves once the batch carrying `id` (if it is still in memory) is in the database. */
  async settled(id: string): Promise<void> {
    if (this.open.get(id.slice(0, BATCH_ID_LENGTH))?.tokens.has(id)) await this.flush();
    for (const batch of this.inFlight.values()) if (batch.tokens.has(id)) await batch.done;
  }

  /** Closes the open batch and writes it; resolves once every batch is in the database. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.open.values()];
    this.open = new Map();
    this.prefix = randomId(BATCH_ID_LENGTH);
    const sent = batches.map((batch) => {
      const seq = ++this.seq;
      batch.done = new Promise<void>((resolve) => {
        batch.settle = resolve;
      });
      this.inFlight.set(seq, batch);
      return seq;
    });
    if (sent.length && (await this.ready) && this.worker) {
      for (const seq of sent) this.worker.postMessage({ seq, batch: TokenBatches.row(this.inFlight.get(seq)!) });
    } else for (const seq of sent) void this.writeHere(seq, this.inFlight.get(seq)!);
    await Promise.all([...this.inFlight.values()].map((batch) => batch.done));
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

  private async writeHere(seq: number, batch: Batch) {
    try {
      await this.fallback(TokenBatches.row(batch));
    } catch (error) {
      this.onError(error);
    }
    this.settle(seq, batch);
  }

  private settle(seq: number, batch: Batch) {
    this.inFlight.delete(seq);
    batch.settle?.();
  }

  /** Writes what is pending, then stops the worker and its connection. */
  async close() {
    await this.flush().catch(this.onError);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage({ close: true });
    await exited;
  }
}
