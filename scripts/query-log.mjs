// Preloaded into a server (`node --import ./scripts/query-log.mjs dist/server.mjs`) by
// scripts/count-queries.mjs: appends every SQLite statement the process runs, through Prisma or
// not, to $QUERY_LOG, one line each, written synchronously so that a request's statements are in
// the file by the time its answer arrives.
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const file = process.env.QUERY_LOG;
if (!file) throw new Error("QUERY_LOG: the file to append statements to");
const Database = createRequire(join(process.cwd(), "package.json"))("better-sqlite3");
const log = (sql) => appendFileSync(file, `${sql.replace(/\s+/g, " ").trim()}\n`);

const probe = new Database(":memory:");
const Statement = Object.getPrototypeOf(probe.prepare("SELECT 1"));
probe.close();
for (const method of ["run", "get", "all", "iterate"]) {
  const original = Statement[method];
  Statement[method] = function (...args) {
    log(this.source);
    return original.apply(this, args);
  };
}
const exec = Database.prototype.exec;
Database.prototype.exec = function (sql) {
  log(sql);
  return exec.call(this, sql);
};
