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

/**
 * Batches inserts of new, insert-only objects (client_credentials tokens: the token endpoint's
 * hot path) into one INSERT every few milliseconds, written by a worker thread with its own
 * connection, so persisting a token costs the request path almost nothing. Until its batch is
 * written a row is served from memory, so this process finds every token it issued at once.
 * The trade-off, documented in the README: another instance sharing the database sees a token up
 * to `delayMs` (plus the write) later, and a crash loses at most the batch in flight (those clients
 * get invalid_token and ask again).
 */
export class WriteBehind {
  private pending = new Map<string, PayloadRow>();
  private readonly inFlight = new Map<number, Map<string, PayloadRow>>();
  private readonly waiters = new Map<number, () => void>();
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private readonly worker: Worker;
  private readonly ready: Promise<void>;

  constructor(
    databaseUrl: string,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 20,
  ) {
    this.worker = new Worker(workerScript(), { workerData: { url: databaseUrl } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once("error", reject);
      this.worker.once("message", () => resolve());
    });
    this.ready.catch(onError);
    this.worker.on("error", onError);
    this.worker.on("message", (message: { seq?: number; error?: string }) => {
      if (message.seq === undefined) return;
      if (message.error) this.onError(new Error(`token batch write failed: ${message.error}`));
      this.inFlight.delete(message.seq);
      this.waiters.get(message.seq)?.();
      this.waiters.delete(message.seq);
    });
  }

  private static key(model: string, id: string) {
    return `${model}\u0000${id}`;
  }

  add(row: PayloadRow) {
    this.pending.set(WriteBehind.key(row.model, row.id), row);
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** The row if it is not in the database yet. */
  get(model: string, id: string): PayloadRow | undefined {
    const key = WriteBehind.key(model, id);
    const pending = this.pending.get(key);
    if (pending) return pending;
    for (const batch of this.inFlight.values()) {
      const row = batch.get(key);
      if (row) return row;
    }
    return undefined;
  }

  /** Forgets a row that has not been sent yet (it was destroyed before its batch). */
  forget(model: string, id: string) {
    this.pending.delete(WriteBehind.key(model, id));
  }

  /** Sends everything pending to the writer; resolves once it is in the database. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) {
      await Promise.all([...this.inFlight.keys()].map((seq) => this.wait(seq)));
      return;
    }
    await this.ready;
    const seq = ++this.seq;
    const batch = this.pending;
    this.pending = new Map();
    this.inFlight.set(seq, batch);
    this.worker.postMessage({ seq, rows: [...batch.values()] });
    await this.wait(seq);
  }

  private wait(seq: number): Promise<void> {
    if (!this.inFlight.has(seq)) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.waiters.get(seq);
      this.waiters.set(seq, () => {
        previous?.();
        resolve();
      });
    });
  }

  /** Writes what is pending, then stops the worker and its connection. */
  async close() {
    await this.flush().catch(this.onError);
    this.worker.postMessage({ close: true });
    await new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
  }
}
