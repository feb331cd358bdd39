#!/usr/bin/env node
// Bundles the server and the CLI (TypeScript, with the generated Prisma clients) into dist/, and
// builds the end-user pages' stylesheet (Tailwind, as Next.js builds it for its pages) and script.
// Packages stay external and load from node_modules at run time.
import { writeFile } from "node:fs/promises";
import { build } from "esbuild";
import { tsImport } from "tsx/esm/api";

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

const { compileStylesheet, STYLESHEET_FILE } = await tsImport("../lib/provider-pages/stylesheet.ts", import.meta.url);
await writeFile(STYLESHEET_FILE, await compileStylesheet());

// The pages' one script (passkeys), bundled for browsers: served from our own origin under the CSP nonce.
const { compilePageScript, PAGE_SCRIPT_FILE } = await tsImport("../lib/provider-pages/page-script.ts", import.meta.url);
await writeFile(PAGE_SCRIPT_FILE, await compilePageScript());
