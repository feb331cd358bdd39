#!/usr/bin/env node
// Generates the Prisma client for each database from its schema (run on install and build).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

execFileSync(process.execPath, ["scripts/db-schemas.mjs"], { stdio: "inherit" });
const prisma = join("node_modules", "prisma", "build", "index.js");
for (const provider of ["sqlite", "postgresql"]) {
  // The URL only selects the matching adapter in prisma.config.ts; nothing is connected.
  const url = provider === "sqlite" ? "file::memory:" : "postgresql://generate@127.0.0.1:1/none";
  execFileSync(process.execPath, [prisma, "generate", "--schema", `prisma/${provider}/schema.prisma`], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
