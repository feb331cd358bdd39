import { parentPort, workerData } from "node:worker_threads";
import type { DatabaseTimeouts } from "./timeouts";
import { openBatchWriter, type TokenBatchRow } from "./token-batch";

/**
 * A worker thread that writes groups of token batches with its own database connection, so the
 * writes never block the event loop that serves requests. Messages: { seq, rows } in (one
 * transaction each), { seq, error? } out once committed or failed; { close: true } disconnects
 * and ends the thread.
 */
const port = parentPort;
if (!port) throw new Error("writer-worker must run as a worker thread");
const { url, timeouts } = workerData as { url: string; timeouts: DatabaseTimeouts };
const writer = await openBatchWriter(url, timeouts);
port.on("message", async (message: { seq: number; rows: TokenBatchRow[] } | { close: true }) => {
  if ("close" in message) {
    await writer.close();
    port.close();
    return;
  }
  try {
    await writer.write(message.rows);
    port.postMessage({ seq: message.seq });
  } catch (error) {
    port.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
