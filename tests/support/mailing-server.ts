import { afterAll, beforeAll } from "vitest";
import { type DatabaseKind, databases } from "./databases";
import { runCliAsync, startServer, type TestServer } from "./server";
import { startSmtp, type TestSmtp } from "./smtp";

/**
 * For a describe block: a server on a fresh database of `kind` whose email goes to a real SMTP
 * server the tests read (`env` added to its environment); started before the block's tests (and
 * before its own beforeAll) and stopped after them. `cli` runs the CLI without blocking the
 * test's event loop (a blocking run lets the server close idle keep-alive connections unseen).
 */
export function mailingServerFor(kind: DatabaseKind, env: Record<string, string> = {}) {
  let started: { server: TestServer; smtp: TestSmtp; cleanup: () => void } | undefined;
  beforeAll(async () => {
    const smtp = await startSmtp();
    const db = await databases[kind]();
    started = { smtp, cleanup: db.cleanup, server: await startServer(db.url, { SMTP_URL: smtp.url, ...env }) };
  });
  afterAll(async () => {
    await started?.server.stop();
    await started?.smtp.stop();
    started?.cleanup();
  });
  const current = () => {
    if (!started) throw new Error("the mailing server is not running (used outside the block's tests?)");
    return started;
  };
  return {
    get server() {
      return current().server;
    },
    get smtp() {
      return current().smtp;
    },
    cli: (...args: string[]) => runCliAsync(current().server.databaseUrl, args, { APP_URL: current().server.url }),
  };
}
