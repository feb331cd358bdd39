import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..", "..");

/** What `npm run build` reads: a change to any of these makes dist/ and .next/ stale. */
const sources = [
  "lib",
  "app",
  "components",
  "prisma",
  "scripts/build-server.mjs",
  "scripts/db-generate.mjs",
  "scripts/db-schemas.mjs",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
/** What it writes: the server and CLI bundles, and the Next.js build they serve. */
const outputs = ["dist/server.mjs", "dist/cli.mjs", ".next/BUILD_ID"];

/** The most recently changed source file (tests beside the code do not go into the build). */
function newestSource(): { path: string; mtimeMs: number } {
  let newest = { path: "", mtimeMs: 0 };
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules") visit(join(path, entry));
    } else if (!path.endsWith(".test.ts") && stat.mtimeMs > newest.mtimeMs) {
      newest = { path, mtimeMs: stat.mtimeMs };
    }
  };
  for (const source of sources) visit(join(root, source));
  return newest;
}

/** Why the build cannot be trusted, or undefined when every output is newer than every source. */
export function staleBuild(): string | undefined {
  const missing = outputs.find((output) => !existsSync(join(root, output)));
  if (missing) return `${missing} is missing`;
  const oldest = Math.min(...outputs.map((output) => statSync(join(root, output)).mtimeMs));
  const source = newestSource();
  if (source.mtimeMs > oldest) return `${relative(root, source.path)} changed after the last build`;
  return undefined;
}

/**
 * Integration and browser tests run the built server (dist/server.mjs serving .next/), so a
 * build older than the sources would test yesterday's code: build first, saying so in one line.
 */
export function ensureFreshBuild(who: string) {
  const reason = staleBuild();
  if (!reason) return;
  console.log(`${who}: ${reason}, so building first (npm run build)…`);
  const built = spawnSync("npm", ["run", "--silent", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) throw new Error(`${who}: npm run build failed (its output is above)`);
}
