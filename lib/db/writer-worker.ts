import { parentPort, workerData } from "node:worker_threads";
import { connect } from "./client";
import { type TokenBatchRow, writeTokenBatch } from "./token-batch";

/**
 * A worker thread that writes token batches with its own database connection, so the writes
 * never block the event loop that serves requests. Messages: { seq, batch } in,
 * { seq, error? } out; { close: true } disconnects and ends the thread.
 */
const port = parentPort;
if (!port) throw new Error("writer-worker must run as a worker thread");
const database = await connect((workerData as { url: string }).url);
port.on("message", async (message: { seq: number; batch: TokenBatchRow } | { close: true }) => {
  if ("close" in message) {
    await database.prisma.$disconnect();
    port.close();
    return;
  }
  try {
    await writeTokenBatch(database.prisma, message.batch);
    port.postMessage({ seq: message.seq });
  } catch (error) {
    port.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
