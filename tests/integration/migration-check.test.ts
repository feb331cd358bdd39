import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { partialIndexes } from "../../prisma/partial-indexes";
import { checkMigrations } from "../../scripts/schema-check/check";
import { repairPartialIndexes } from "../../scripts/schema-check/repair";

const root = join(import.meta.dirname, "..", "..");
const temp = mkdtempSync(join(tmpdir(), "latchkey-migration-check-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The real migrations copied to a folder of their own, plus one more file per dialect. */
function migrationsWith(extra: { sqlite?: string; postgresql?: string }) {
  const dirs = { sqlite: mkdtempSync(join(temp, "sqlite-")), postgresql: mkdtempSync(join(temp, "postgresql-")) };
  for (const dialect of ["sqlite", "postgresql"] as const) {
    cpSync(join(root, "prisma", "migrations", dialect), dirs[dialect], { recursive: true });
    const sql = extra[dialect];
    if (sql) writeFileSync(join(dirs[dialect], "0099_broken.sql"), sql);
  }
  return dirs;
}

const check = (extra: { sqlite?: string; postgresql?: string }) =>
  checkMigrations({ root, migrations: migrationsWith(extra), postgresUrl: inject("postgresUrl") });

/** OidcPayload's CREATE TABLE as the first SQLite migration wrote it. */
const createOidcPayload = /CREATE TABLE "OidcPayload" \([\s\S]*?\n\);/.exec(
  readFileSync(join(root, "prisma", "migrations", "sqlite", "0001_init.sql"), "utf8"),
)![0];

/**
 * What `prisma migrate diff` writes for SQLite when an OidcPayload column changes: the table is
 * rebuilt and its indexes recreated from the schema, which knows nothing of their WHERE clauses.
 */
const rebuildOidcPayload = `
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
${createOidcPayload.replace('"OidcPayload"', '"new_OidcPayload"')}
INSERT INTO "new_OidcPayload" SELECT * FROM "OidcPayload";
DROP TABLE "OidcPayload";
ALTER TABLE "new_OidcPayload" RENAME TO "OidcPayload";
CREATE INDEX "OidcPayload_grantId_idx" ON "OidcPayload"("grantId");
CREATE INDEX "OidcPayload_uid_idx" ON "OidcPayload"("uid");
CREATE INDEX "OidcPayload_userCode_idx" ON "OidcPayload"("userCode");
CREATE INDEX "OidcPayload_model_accountId_idx" ON "OidcPayload"("model", "accountId");
CREATE INDEX "OidcPayload_expiresAt_idx" ON "OidcPayload"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`;

describe("the migration check", () => {
  it("finds nothing to report in the real migrations, on SQLite and PostgreSQL", async () => {
    const result = await checkMigrations({ root, postgresUrl: inject("postgresUrl") });
    expect(result.checked).toEqual(["sqlite", "postgresql"]);
    expect(result.differences).toEqual([]);
  });

  it("reports partial indexes a migration recreates plainly or drops", async () => {
    const { differences } = await check({
      sqlite: rebuildOidcPayload,
      postgresql: 'DROP INDEX "OidcPayload_userCode_idx";',
    });
    expect(differences).toEqual([
      'sqlite migrations vs models: index OidcPayload.OidcPayload_grantId_idx: where: migrations (none), models "grantId" IS NOT NULL',
      'sqlite migrations vs models: index OidcPayload.OidcPayload_model_accountId_idx: where: migrations (none), models "accountId" IS NOT NULL',
      'sqlite migrations vs models: index OidcPayload.OidcPayload_uid_idx: where: migrations (none), models "uid" IS NOT NULL',
      'sqlite migrations vs models: index OidcPayload.OidcPayload_userCode_idx: where: migrations (none), models "userCode" IS NOT NULL',
      'postgresql migrations vs models: index OidcPayload.OidcPayload_userCode_idx: only in models (userCode) WHERE "userCode" IS NOT NULL',
      'sqlite vs postgresql migrations: index OidcPayload.OidcPayload_grantId_idx: where: sqlite (none), postgresql ("grantId" IS NOT NULL)',
      'sqlite vs postgresql migrations: index OidcPayload.OidcPayload_model_accountId_idx: where: sqlite (none), postgresql ("accountId" IS NOT NULL)',
      "sqlite vs postgresql migrations: index OidcPayload.OidcPayload_uid_idx: where: sqlite (none), postgresql (uid IS NOT NULL)",
      "sqlite vs postgresql migrations: index OidcPayload.OidcPayload_userCode_idx: only in sqlite (userCode)",
    ]);
  });

  it("passes the same rebuild once db:new-migration's repair has put the WHERE clauses back", async () => {
    const { sql, repaired } = repairPartialIndexes(rebuildOidcPayload);
    expect(repaired.sort()).toEqual([
      "OidcPayload_grantId_idx",
      "OidcPayload_model_accountId_idx",
      "OidcPayload_uid_idx",
      "OidcPayload_userCode_idx",
    ]);
    expect((await check({ sqlite: sql })).differences).toEqual([]);
  });

  it("reports a column added to one database only", async () => {
    const { differences } = await check({ postgresql: 'ALTER TABLE "User" ADD COLUMN "nickname" TEXT;' });
    expect(differences).toEqual([
      "postgresql migrations vs models: column User.nickname: only in migrations",
      "sqlite vs postgresql migrations: column User.nickname: only in postgresql",
    ]);
  });

  it("reports a column whose type differs from the models and from the other database", async () => {
    const { differences } = await check({
      postgresql: 'ALTER TABLE "Application" ALTER COLUMN "accessTokenTtl" TYPE BIGINT;',
    });
    expect(differences).toEqual([
      "postgresql migrations vs models: column Application.accessTokenTtl: type: migrations bigint, models integer",
      "sqlite vs postgresql migrations: column Application.accessTokenTtl: type: sqlite integer, postgresql bigint",
    ]);
  });

  it("reports changed nullability, defaults and foreign keys", async () => {
    const { differences } = await check({
      postgresql: `ALTER TABLE "User" ALTER COLUMN "phone" SET NOT NULL, ALTER COLUMN "name" DROP DEFAULT;
        ALTER TABLE "ClientSecret" DROP CONSTRAINT "ClientSecret_applicationId_fkey";`,
    });
    expect(differences).toEqual([
      "postgresql migrations vs models: foreign key ClientSecret(applicationId) -> Application(id): only in models",
      "postgresql migrations vs models: column User.name: default: migrations (none), models ''",
      "postgresql migrations vs models: column User.phone: null: migrations not null, models nullable",
      "sqlite vs postgresql migrations: foreign key ClientSecret(applicationId) -> Application(id): only in sqlite",
      "sqlite vs postgresql migrations: column User.name: default: sqlite '', postgresql (none)",
      "sqlite vs postgresql migrations: column User.phone: null: sqlite nullable, postgresql not null",
    ]);
  });

  it("reports, once, an index declared partial that the models do not have", async () => {
    const partial = [...partialIndexes, { table: "User", name: "User_nickname_idx", where: '"nickname" IS NOT NULL' }];
    const { differences } = await checkMigrations({ root, partial, postgresUrl: inject("postgresUrl") });
    expect(differences).toEqual([
      "partial indexes: User.User_nickname_idx is declared partial in prisma/partial-indexes.ts but the models have no such index (take it out of the list if it is meant to go)",
    ]);
  });

  it("reports a username index that is no longer case-insensitive, and db:new-migration's repair restores it", async () => {
    const plain = 'DROP INDEX "User_username_key";\nCREATE UNIQUE INDEX "User_username_key" ON "User"("username");\n';
    const { differences } = await check({ sqlite: plain, postgresql: plain });
    expect(differences).toEqual([
      "sqlite migrations vs models: index User.User_username_key: columns: migrations (username), models (lower(username))",
      "postgresql migrations vs models: index User.User_username_key: columns: migrations (username), models (lower(username))",
    ]);
    const { sql, repaired } = repairPartialIndexes(plain);
    expect(repaired).toEqual(["User_username_key"]);
    expect((await check({ sqlite: sql, postgresql: sql })).differences).toEqual([]);
  });

  it("reports a migration that does not apply, naming the file", async () => {
    const { differences } = await check({ sqlite: 'ALTER TABLE "Nowhere" ADD COLUMN "x" TEXT;' });
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatch(/^sqlite migrations: 0099_broken\.sql does not apply: no such table: Nowhere/);
  });
});
