import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PayloadRow } from "../db/batch-insert";

export type { PayloadRow };

/** Where the bundled server finds the worker (dist/writer.mjs), or the source during development. */
function workerScript(): URL {
  const bundled = new URL("./writer.mjs", import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL("../db/writer-worker.ts", import.meta.url);
}

type Batch = { rows: Map<string, PayloadRow>; done: Promise<void>; settle: () => void };

/**
 * Batches inserts of new, insert-only objects (client_credentials tokens: the token endpoint's
 * hot path) into one INSERT every few milliseconds, written by a worker thread with its own
 * connection, so persisting a token costs the request path little. Until its batch is written a
 * row is served from memory, so this process finds every token it issued at once.
 *
 * If the worker cannot start, dies, or a batch fails there, the batch is written on this thread
 * with `fallback` instead, so an issued token is never silently dropped.
 *
 * The trade-off, documented in the README: another instance sharing the database sees a token up
 * to `delayMs` (plus the write) later, and a crash loses at most the batches not yet written
 * (those clients get invalid_token and ask again).
 */
export class WriteBehind {
  private pending = new Map<string, PayloadRow>();
  private readonly inFlight = new Map<number, Batch>();
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private worker: Worker | undefined;
  private readonly ready: Promise<boolean>;

  constructor(
    databaseUrl: string,
    private readonly fallback: (rows: PayloadRow[]) => Promise<void>,
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
      // Whatever the worker had not confirmed is written here.
      for (const [seq, batch] of this.inFlight) void this.writeHere(seq, batch);
    });
  }

  private static key(model: string, id: string) {
    return `${model}\u0000${id}`;
  }

  add(row: PayloadRow) {
    this.pending.set(WriteBehind.key(row.model, row.id), row);
    this.timer ??= setTimeout(() => void this.flush().catch(this.onError), this.delayMs);
  }

  /** The row if it is not in the database yet. */
  get(model: string, id: string): PayloadRow | undefined {
    const key = WriteBehind.key(model, id);
    const pending = this.pending.get(key);
    if (pending) return pending;
    for (const batch of this.inFlight.values()) {
      const row = batch.rows.get(key);
      if (row) return row;
    }
    return undefined;
  }

  /**
   * Before a row is deleted: drops it if it was not sent yet, or waits until the batch carrying
   * it is written, so the caller's DELETE cannot run before the INSERT and leave it alive.
   */
  async settled(model: string, id: string): Promise<void> {
    const key = WriteBehind.key(model, id);
    if (this.pending.delete(key)) return;
    for (const batch of this.inFlight.values()) if (batch.rows.has(key)) await batch.done;
  }

  /** Sends everything pending to be written; resolves once all of it is in the database. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size > 0) {
      const seq = ++this.seq;
      let settle = () => {};
      const done = new Promise<void>((resolve) => (settle = resolve));
      const batch: Batch = { rows: this.pending, done, settle };
      this.pending = new Map();
      this.inFlight.set(seq, batch);
      if ((await this.ready) && this.worker) this.worker.postMessage({ seq, rows: [...batch.rows.values()] });
      else void this.writeHere(seq, batch);
    }
    await Promise.all([...this.inFlight.values()].map((batch) => batch.done));
  }

  private async writeHere(seq: number, batch: Batch) {
    try {
      await this.fallback([...batch.rows.values()]);
    } catch (error) {
      this.onError(error);
    }
    this.settle(seq, batch);
  }

  private settle(seq: number, batch: Batch) {
    this.inFlight.delete(seq);
    batch.settle();
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
