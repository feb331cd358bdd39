import { describe, expect, it } from "vitest";
import { repairPartialIndexes } from "../../scripts/schema-check/repair";
import { normalizeDefault, normalizePredicate, typeKind } from "../../scripts/schema-check/schema";

describe("db:new-migration's repair of partial indexes", () => {
  it("puts the declared WHERE back on a plainly recreated index and leaves every other statement alone", () => {
    const generated = [
      'CREATE INDEX "OidcPayload_uid_idx" ON "OidcPayload"("uid");',
      'CREATE INDEX "OidcPayload_model_accountId_idx" ON "OidcPayload"("model", "accountId");',
      'CREATE INDEX "OidcPayload_expiresAt_idx" ON "OidcPayload"("expiresAt");',
      'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");',
    ].join("\n");
    const { sql, repaired } = repairPartialIndexes(generated);
    expect(repaired).toEqual(["OidcPayload_uid_idx", "OidcPayload_model_accountId_idx"]);
    expect(sql.split("\n")).toEqual([
      'CREATE INDEX "OidcPayload_uid_idx" ON "OidcPayload"("uid") WHERE "uid" IS NOT NULL;',
      'CREATE INDEX "OidcPayload_model_accountId_idx" ON "OidcPayload"("model", "accountId") WHERE "accountId" IS NOT NULL;',
      'CREATE INDEX "OidcPayload_expiresAt_idx" ON "OidcPayload"("expiresAt");',
      'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");',
    ]);
  });

  it("does not add a second WHERE to an index that already has one", () => {
    const partial = 'CREATE INDEX "OidcPayload_grantId_idx" ON "OidcPayload"("grantId") WHERE "grantId" IS NOT NULL;';
    expect(repairPartialIndexes(partial)).toEqual({ sql: partial, repaired: [] });
  });
});

describe("the migration check's reading of both dialects", () => {
  it("reads the same column types as the same kind", () => {
    expect(["DATETIME", "timestamp(3) without time zone"].map(typeKind)).toEqual(["datetime", "datetime"]);
    expect(["INTEGER", "integer", "BIGINT", "bigint"].map(typeKind)).toEqual([
      "integer",
      "integer",
      "bigint",
      "bigint",
    ]);
    expect(["TEXT", "text", "BOOLEAN", "boolean"].map(typeKind)).toEqual(["text", "text", "boolean", "boolean"]);
  });

  it("reads PostgreSQL's and SQLite's spelling of a default as the same default", () => {
    expect(normalizeDefault(`'["profile","email"]'::text`)).toBe(normalizeDefault(`'["profile","email"]'`));
    expect(normalizeDefault("now()")).toBe(normalizeDefault("CURRENT_TIMESTAMP"));
    expect(normalizeDefault("''::text")).toBe("''");
    expect(normalizeDefault("''::text")).not.toBe(normalizeDefault("'x'"));
    expect(normalizeDefault(null)).toBeNull();
  });

  it("reads the same predicate written either way as equal, and a different one as different", () => {
    expect(normalizePredicate('("grantId" IS NOT NULL)')).toBe(normalizePredicate('"grantId" IS NOT NULL'));
    expect(normalizePredicate("(uid IS NOT NULL)")).toBe(normalizePredicate('"uid"  IS NOT NULL'));
    expect(normalizePredicate('"uid" IS NULL')).not.toBe(normalizePredicate('"uid" IS NOT NULL'));
    expect(normalizePredicate("(a IS NOT NULL) AND (b IS NOT NULL)")).toBe("(a is not null) and (b is not null)");
  });
});
