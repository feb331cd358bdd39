import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrate } from "../../lib/db/migrate";
import { createDatabase } from "../support/postgres";
import { tempSqlite } from "../support/server";

const root = join(import.meta.dirname, "..", "..");

describe("migrations", () => {
  const sqlite = tempSqlite();
  afterAll(() => sqlite.cleanup());

  it.each(["sqlite", "postgresql"])("apply once on %s, then do nothing, keeping data", async (kind) => {
    const url = kind === "sqlite" ? sqlite.url : await createDatabase(inject("postgresUrl"));
    const first = await migrate(url);
    expect(first.applied).toContain("0001_init");
    const second = await migrate(url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
  });

  it("keep existing rows when run again on a database in use", async () => {
    const db = new Database(sqlite.url.replace(/^file:/, ""));
    db.prepare(
      `INSERT INTO "User" (id, email, passwordHash, updatedAt) VALUES ('u1', 'x@example.com', 'h', '2026-01-01T00:00:00.000+00:00')`,
    ).run();
    db.close();
    await migrate(sqlite.url);
    const again = new Database(sqlite.url.replace(/^file:/, ""));
    expect(again.prepare(`SELECT email FROM "User"`).all()).toEqual([{ email: "x@example.com" }]);
    again.close();
  });

  it("exist for the current models (no model change without a migration)", () => {
    execFileSync(process.execPath, ["scripts/db-schemas.mjs", "--check"], { cwd: root });
    for (const kind of ["sqlite", "postgresql"]) {
      const current = readFileSync(join(root, "prisma", kind, "schema.prisma"), "utf8");
      const migrated = readFileSync(join(root, "prisma", "migrations", kind, "schema.prisma"), "utf8");
      expect(migrated, `run npm run db:new-migration for ${kind}`).toBe(current);
    }
  });
});
