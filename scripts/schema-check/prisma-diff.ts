import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * The SQL Prisma writes to take one schema to another (`from` undefined: from nothing). Works on
 * the schema files alone, without a database. The URL only satisfies `env("DATABASE_URL")`; it is
 * SQLite's for both, since prisma.config.ts would otherwise build a PostgreSQL adapter and connect.
 */
export function prismaDiff(root: string, from: string | undefined, to: string): string {
  const source = from === undefined ? ["--from-empty"] : ["--from-schema-datamodel", from];
  const prisma = join(root, "node_modules", "prisma", "build", "index.js");
  return execFileSync(
    process.execPath,
    [prisma, "migrate", "diff", ...source, "--to-schema-datamodel", to, "--script"],
    {
      cwd: root,
      encoding: "utf8",
      // Its "Loaded Prisma config" notice is noise here; on failure the error carries stderr.
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: "file::memory:", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    },
  );
}
