import next from "next";
import { parseEnv } from "../env";
import { loadPageScript } from "../provider-pages/page-script";
import { loadStylesheet } from "../provider-pages/stylesheet";
import { projectRoot } from "../root";
import { createApp } from "./app";
import { createLogger } from "./log";

/** `npm start` / `npm run dev`: the web app and the provider, served on one port. */
async function main() {
  const env = parseEnv();
  const log = createLogger(env.LOG_LEVEL);
  const dev = process.argv.includes("--dev");
  const web = next({ dev, dir: projectRoot(), hostname: env.HOST, port: env.PORT });
  await web.prepare();
  const handle = web.getRequestHandler();
  const [stylesheet, pageScript] = await Promise.all([loadStylesheet(dev), loadPageScript(dev)]);
  const app = await createApp({ env, log, stylesheet, pageScript, web: (req, res) => handle(req, res) });

  // A port already taken (or not ours to bind) ends the process with one line, not a server
  // that runs without listening.
  app.server.once("error", (error: NodeJS.ErrnoException) => {
    log.flush();
    process.stderr.write(`Cannot listen on ${env.HOST}:${env.PORT}: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  app.server.listen(env.PORT, env.HOST, () => {
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    log.info("listening", { url: env.APP_URL, port, issuer: env.ISSUER, database: app.runtime.database.kind });
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A second signal: the operator does not want to wait.
      log.warn("stopping at once", { signal });
      log.flush();
      process.exit(1);
    }
    stopping = true;
    log.info("draining", { signal, timeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS });
    const deadline = setTimeout(() => {
      log.error("drain timed out: closing the remaining connections", {});
      log.flush();
      app.abort();
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_SECONDS * 1000);
    try {
      await app.close();
      await web.close?.();
    } catch (error) {
      log.error("shutdown failed", { error });
      log.flush();
      process.exit(1);
    }
    clearTimeout(deadline);
    log.info("stopped", {});
    log.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
