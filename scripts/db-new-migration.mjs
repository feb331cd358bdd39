#!/usr/bin/env node
// Writes the next migration for both databases: the SQL that takes the schema recorded by the
// last migration (prisma/migrations/<db>/schema.prisma) to the current one, then records it.
// Usage: npm run db:new-migration -- <name>
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}
execFileSync(process.execPath, ["scripts/db-schemas.mjs"], { stdio: "inherit" });
for (const provider of ["sqlite", "postgresql"]) {
  const dir = join("prisma", "migrations", provider);
  mkdirSync(dir, { recursive: true });
  const snapshot = join(dir, "schema.prisma");
  const current = join("prisma", provider, "schema.prisma");
  const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", current, "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: "file::memory:" } },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log(`${provider}: no change`);
    continue;
  }
  const next = String(readdirSync(dir).filter((f) => f.endsWith(".sql")).length + 1).padStart(4, "0");
  const file = join(dir, `${next}_${name}.sql`);
  writeFileSync(file, sql);
  copyFileSync(current, snapshot);
  console.log(`${provider}: wrote ${file}`);
}
