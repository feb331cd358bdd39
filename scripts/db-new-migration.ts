#!/usr/bin/env -S node --import tsx
// Writes the next migration for both databases: the SQL that takes the schema recorded by the
// last migration (prisma/migrations/<db>/schema.prisma) to the current one, then records it.
// Regenerates the schemas and clients first; puts back the WHERE of the declared partial indexes
// (prisma/partial-indexes.ts) when Prisma's SQL recreates one plainly; then runs the migration
// check and takes the new files back out (exit 1) if the migrations would not build what the
// models describe.
// Usage: npm run db:new-migration -- <name>
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prismaDiff } from "./schema-check/prisma-diff";
import { repairPartialIndexes } from "./schema-check/repair";
import { checkOnThrowawayServer } from "./schema-check/throwaway";

const root = join(import.meta.dirname, "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}

execFileSync(process.execPath, [join(root, "scripts", "db-generate.mjs")], { cwd: root, stdio: "inherit" });

/** What to undo if the check refuses: new files to delete, snapshots to restore. */
const written: { file: string; snapshot: string; previous: string | undefined }[] = [];
for (const provider of ["sqlite", "postgresql"] as const) {
  const dir = join(root, "prisma", "migrations", provider);
  mkdirSync(dir, { recursive: true });
  const snapshot = join(dir, "schema.prisma");
  const current = join(root, "prisma", provider, "schema.prisma");
  const previous = existsSync(snapshot) ? readFileSync(snapshot, "utf8") : undefined;
  const generated = prismaDiff(root, previous === undefined ? undefined : snapshot, current);
  if (!/\b(CREATE|ALTER|DROP)\b/.test(generated)) {
    console.log(`${provider}: no change`);
    continue;
  }
  const { sql, repaired } = repairPartialIndexes(generated);
  if (repaired.length) console.log(`${provider}: kept partial (WHERE put back): ${repaired.join(", ")}`);
  // After the highest number, not the count: parallel branches leave gaps (0008, then 0012).
  const numbers = readdirSync(dir).map((f) => Number(/^(\d{4})_.*\.sql$/.exec(f)?.[1] ?? 0));
  const next = String(Math.max(0, ...numbers) + 1).padStart(4, "0");
  const file = join(dir, `${next}_${name}.sql`);
  writeFileSync(file, sql);
  writeFileSync(snapshot, readFileSync(current, "utf8"));
  written.push({ file, snapshot, previous });
  console.log(`${provider}: wrote ${file}`);
}

if (written.length) {
  const { differences } = await checkOnThrowawayServer({ root });
  if (differences.length) {
    for (const line of differences) console.error(line);
    for (const { file, snapshot, previous } of written) {
      rmSync(file);
      if (previous === undefined) rmSync(snapshot);
      else writeFileSync(snapshot, previous);
    }
    console.error("refused: with this migration the databases would not match the models (files removed)");
    process.exitCode = 1;
  } else console.log("checked: the migrations build what the models describe (npm run db:check)");
}
