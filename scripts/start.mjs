#!/usr/bin/env node
// `npm start`: builds once (or again when the sources changed since the last build), then
// serves in production mode. The build is skipped when .next/ and dist/ are newer than every source.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const sources = ["app", "components", "lib", "prisma", "public", "package.json", "next.config.js"];
const stamp = join(".next", "BUILD_ID");

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "generated" || entry === "node_modules") continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const built = existsSync(stamp) && existsSync(join("dist", "server.mjs"));
const stale =
  !built ||
  Math.max(...sources.map(newest)) > Math.min(statSync(stamp).mtimeMs, statSync(join("dist", "server.mjs")).mtimeMs);
if (stale) {
  console.error(
    built ? "Sources changed since the last build: building again..." : "First start: building Latchkey (once)...",
  );
  const result = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
// The server runs in this very process, so signals (SIGTERM from a supervisor) reach it directly
// (`npm start` execs this script, so npm's child is the server, not a shell in between).
// npm itself does not pass SIGTERM on: when it is the one signalled it exits at once. Its
// child notices (the parent changes) and drains as if it had been signalled, rather than serving
// on, orphaned.
if (process.env.npm_lifecycle_event === "start") {
  const parent = process.ppid;
  // Once only: a second SIGTERM means "stop at once", which would cut the drain short.
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, "SIGTERM");
  }, 500).unref();
}
process.env.NODE_ENV = "production";
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(process.cwd(), "dist", "server.mjs")).href);
