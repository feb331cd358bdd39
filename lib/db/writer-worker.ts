import { parentPort, workerData } from "node:worker_threads";
import { insertPayloads, type PayloadRow } from "./batch-insert";
import { connect } from "./client";

/**
 * A worker thread that writes batches of provider rows with its own database connection, so the
 * inserts never block the event loop that serves requests. Messages: { seq, rows } in,
 * { seq, error? } out; { close: true } disconnects and ends the thread.
 */
const port = parentPort;
if (!port) throw new Error("writer-worker must run as a worker thread");
const database = await connect((workerData as { url: string }).url);
port.on("message", async (message: { seq: number; rows: PayloadRow[] } | { close: true }) => {
  if ("close" in message) {
    await database.prisma.$disconnect();
    port.close();
    return;
  }
  try {
    await insertPayloads(database.prisma, database.kind, message.rows);
    port.postMessage({ seq: message.seq });
  } catch (error) {
    port.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
