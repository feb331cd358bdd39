#!/usr/bin/env -S node --import tsx
// `npm run db:check`: applies every migration to an empty SQLite database and to an empty
// PostgreSQL database (on a throwaway server it starts), and prints one line per difference
// from what the models describe (prisma/models.prisma plus prisma/partial-indexes.ts) and between
// the two databases. Exit status 1 when anything differs.
import { join } from "node:path";
import { checkOnThrowawayServer } from "./schema-check/throwaway";

const { differences, checked } = await checkOnThrowawayServer({ root: join(import.meta.dirname, "..") });
for (const line of differences) console.log(line);
console.log(
  differences.length
    ? `${differences.length} difference(s): the migrations do not build what the models describe.`
    : `${checked.join(" and ")}: the migrations build what the models describe.`,
);
process.exitCode = differences.length ? 1 : 0;
