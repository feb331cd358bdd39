import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
let project: string | undefined;
afterEach(() => {
  if (project) rmSync(project, { recursive: true, force: true });
  project = undefined;
});

/** A copy of what `npm run db:new-migration` reads and writes, with the models changed by `edit`. */
function projectWithModels(edit: (models: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-new-migration-"));
  // The schema check registers the functions migrations call (lib/db/sqlite-functions.ts, and what it imports).
  const paths = ["prisma", "scripts", "tests/support", "prisma.config.ts", "package.json"];
  for (const path of [...paths, "lib/db/sqlite-functions.ts", "lib/oidc/stored-id.ts"]) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(root, path), join(dir, path), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  const models = join(dir, "prisma", "models.prisma");
  const changed = edit(readFileSync(models, "utf8"));
  expect(changed, "the edit must change the models").not.toBe(readFileSync(models, "utf8"));
  writeFileSync(models, changed);
  return dir;
}

function newMigration(dir: string, name: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-new-migration.ts", name], {
    cwd: dir,
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const migrations = (dir: string, dialect: string) => join(dir, "prisma", "migrations", dialect);
/** The migration files named `name` (whatever number they got). */
const written = (dir: string, dialect: string, name: string) =>
  readdirSync(migrations(dir, dialect)).filter((file) => file.endsWith(`_${name}.sql`));

// One run of the script (it regenerates both Prisma clients, so each run takes a while): the
// models change a column of OidcPayload, which SQLite makes Prisma rebuild the table (recreating
// its indexes without WHERE), and drop the uid index, which is declared partial.
describe("npm run db:new-migration", () => {
  it("puts the WHERE back on rebuilt partial indexes, refuses one the models drop, and leaves no files behind", {
    timeout: 300_000,
  }, () => {
    project = projectWithModels((models) =>
      models
        .replace(/^ {2}clientId {3}String\?$/m, '  clientId   String    @default("")')
        .replace(/^ {2}@@index\(\[uid\]\)\n/m, ""),
    );
    const snapshot = readFileSync(join(migrations(project, "sqlite"), "schema.prisma"), "utf8");
    const { status, output } = newMigration(project, "payload_changes");
    expect(status, output).toBe(1);
    expect(output).toContain(
      "sqlite: kept partial (WHERE put back): OidcPayload_grantId_idx, OidcPayload_userCode_idx, OidcPayload_model_accountId_idx",
    );
    expect(output).toContain("partial indexes: OidcPayload.OidcPayload_uid_idx is declared partial");
    expect(output).toContain("refused:");
    expect([
      ...written(project, "sqlite", "payload_changes"),
      ...written(project, "postgresql", "payload_changes"),
    ]).toEqual([]);
    expect(readFileSync(join(migrations(project, "sqlite"), "schema.prisma"), "utf8")).toBe(snapshot);
  });
});
