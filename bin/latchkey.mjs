#!/usr/bin/env node
import { spawnSync } from "node:child_process";
// The operators' command line (see `latchkey --help`): runs the bundled CLI, building it first if needed.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "cli.mjs");
if (!existsSync(cli)) {
  const built = spawnSync(process.execPath, [join(root, "scripts", "build-server.mjs")], {
    cwd: root,
    stdio: "inherit",
  });
  if (built.status !== 0) process.exit(1);
}
const { run } = await import(pathToFileURL(cli).href);
process.exit(await run(process.argv.slice(2)));
