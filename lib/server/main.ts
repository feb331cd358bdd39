import next from "next";
import { parseEnv } from "../env";
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
  const app = await createApp({ env, log, web: (req, res) => handle(req, res) });

  app.server.listen(env.PORT, env.HOST, () => {
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    log.info("listening", { url: env.APP_URL, port, issuer: env.ISSUER, database: app.runtime.database.kind });
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    // Requests in flight may finish; after 10 s the process ends regardless.
    setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    await web.close?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
