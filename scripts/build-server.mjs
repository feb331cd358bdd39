#!/usr/bin/env node
// Bundles the server and the CLI (TypeScript, with the generated Prisma clients) into dist/.
// Packages stay external and load from node_modules at run time.
import { build } from "esbuild";

await build({
  entryPoints: { server: "lib/server/main.ts", cli: "lib/cli/main.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
