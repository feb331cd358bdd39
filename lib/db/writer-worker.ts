import { parentPort, workerData } from "node:worker_threads";
import { openBatchWriter, type TokenBatchRow } from "./token-batch";

/**
 * A worker thread that writes token batches with its own database connection, so the writes
 * never block the event loop that serves requests. Messages: { seq, batch } in,
 * { seq, error? } out; { close: true } disconnects and ends the thread.
 */
const port = parentPort;
if (!port) throw new Error("writer-worker must run as a worker thread");
const writer = await openBatchWriter((workerData as { url: string }).url);
port.on("message", async (message: { seq: number; batch: TokenBatchRow } | { close: true }) => {
  if ("close" in message) {
    await writer.close();
    port.close();
    return;
  }
  try {
    await writer.write(message.batch);
    port.postMessage({ seq: message.seq });
  } catch (error) {
    port.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
