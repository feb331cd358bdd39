#!/usr/bin/env node
// Counts the SQL statements one whole sign-in makes (the bench's flow: authorize, sign-in page,
// password form, consent page, consent form, code at the token endpoint), request by request, on
// a fresh SQLite database. Runs the built server of the checkout it is started in, or of the one
// given: `node scripts/count-queries.mjs [checkout] [--sql]` (--sql prints each statement).
// Statements in backquotes are Prisma's; the rest are prepared statements (lib/db/direct-sql.ts).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { prepareSignIn, signIn } from "./bench-sign-in.mjs";

const args = process.argv.slice(2);
const showSql = args.includes("--sql");
const checkout = resolve(args.find((arg) => !arg.startsWith("--")) ?? ".");
const dir = mkdtempSync(join(tmpdir(), "latchkey-queries-"));
const logFile = join(dir, "queries.log");
let server;
process.on("exit", () => {
  server?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

const port = await new Promise((done) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => done(port));
  });
});
const appUrl = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  HOST: "127.0.0.1",
  APP_URL: appUrl,
  DATABASE_URL: `file:${join(dir, "latchkey.db")}`,
  TRUST_PROXY: "1",
  QUERY_LOG: logFile,
};
const target = { appUrl, ...withCwd(() => prepareSignIn(env, 1)) };
server = spawn(process.execPath, ["--import", join(import.meta.dirname, "query-log.mjs"), "dist/server.mjs"], {
  cwd: checkout,
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
const deadline = Date.now() + 60_000;
for (;;) {
  try {
    if ((await fetch(`${appUrl}/oidc/.well-known/openid-configuration`)).ok) break;
  } catch {}
  if (Date.now() > deadline) throw new Error("the server did not come up within 60 s");
  await new Promise((r) => setTimeout(r, 200));
}

const person = { email: target.emails[0], address: "198.51.100.1", agent: new Agent({ keepAlive: true }) };
// Warm-up: the caches (clients, keys) fill as they would on a running server.
await signIn(target, person);
await signIn(target, person);
writeFileSync(logFile, "");
let seen = 0;
const rows = [];
person.onExchange = (request) => {
  const lines = readFileSync(logFile, "utf8").split("\n").filter(Boolean);
  const mine = lines.slice(seen);
  seen = lines.length;
  const control = mine.filter((sql) => /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(sql));
  const queries = mine.filter((sql) => !control.includes(sql));
  const prisma = queries.filter((sql) => sql.includes("`"));
  rows.push({
    request,
    queries: queries.length,
    prisma: prisma.length,
    direct: queries.length - prisma.length,
    control: control.length,
    sql: mine,
  });
};
await signIn(target, person);
person.agent.destroy();

const total = { queries: 0, prisma: 0, direct: 0, control: 0 };
console.log(`Statements per request of one sign-in (${checkout}):`);
for (const row of rows) {
  console.log(
    `${row.request
      .replace(/\/interaction\/[^/?]+/, "/interaction/:uid")
      .replace(/\/auth\/[^/?]+/, "/auth/:uid")
      .padEnd(
        40,
      )} ${String(row.queries).padStart(3)} queries (Prisma ${row.prisma}, prepared ${row.direct}), ${row.control} BEGIN/COMMIT`,
  );
  if (showSql) for (const sql of row.sql) console.log(`    ${sql.slice(0, 200)}`);
  for (const key of Object.keys(total)) total[key] += row[key];
}
console.log(
  `${"total".padEnd(40)} ${String(total.queries).padStart(3)} queries (Prisma ${total.prisma}, prepared ${total.direct}), ${total.control} BEGIN/COMMIT`,
);
process.exit(0);

function withCwd(work) {
  const before = process.cwd();
  process.chdir(checkout);
  try {
    return work();
  } finally {
    process.chdir(before);
  }
}
