#!/usr/bin/env node
// `npm run bench`: the provider's hot endpoints (token with client_credentials, discovery, JWKS)
// served by Latchkey on its embedded database (SQLite) and, for the token endpoint, on a throwaway
// PostgreSQL too, beside bare in-memory oidc-provider on plain node:http, measured alternately in
// the same run, with the ratio of each. Every token Latchkey answers is committed first.
// Targets: token >= 0.9 on SQLite and >= 0.8 on PostgreSQL; discovery and JWKS >= 0.8.
// Then the console's applications list with 5,000 apps, as a signed-in admin (target: p95 < 300 ms).
// Runs under tsx (see package.json) to share the tests' PostgreSQL helper.
//
//   BENCH_SECONDS (default 5)  length of one measurement
//   BENCH_ROUNDS  (default 3)  measurements per server and endpoint (alternating); the median counts
//   BENCH_CONNECTIONS (default 8)
//   BENCH_CONSOLE (default 1)  0 skips the console lists
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { createDatabase, startPostgres } from "../tests/support/postgres.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const target = 0.8;
const targets = { "token (client_credentials)": 0.9, "token (client_credentials), PostgreSQL": 0.8 };
const benchAdmin = ["bench-admin@example.com", "bench-admin-password"];

const children = [];
const dir = mkdtempSync(join(tmpdir(), "latchkey-bench-"));
let postgres;
const cleanup = () => {
  for (const child of children) child.kill("SIGTERM");
  postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
};
process.on("exit", cleanup);
process.on("SIGINT", () => process.exit(130));

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

function ensureBuilt() {
  const result = spawnSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error("build failed");
}

async function startLatchkey(databaseUrl = `file:${join(dir, "latchkey.db")}`) {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    // PostgreSQL needs a key-encryption key shared by every instance; the embedded database makes its own file.
    ...(databaseUrl.startsWith("postgres") ? { LATCHKEY_SECRET: randomBytes(32).toString("hex") } : {}),
  };
  const created = spawnSync(
    process.execPath,
    ["bin/latchkey.mjs", "apps", "create", "--name", "Bench", "--type", "m2m", "--json"],
    {
      env,
      encoding: "utf8",
    },
  );
  if (created.status !== 0) throw new Error(created.stderr);
  const app = JSON.parse(created.stdout);
  const admin = spawnSync(
    process.execPath,
    ["bin/latchkey.mjs", "admins", "create", "--email", benchAdmin[0], "--password", benchAdmin[1]],
    { env, encoding: "utf8" },
  );
  if (admin.status !== 0) throw new Error(admin.stderr);
  const child = spawn(process.execPath, ["dist/server.mjs"], { env, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  const base = `http://127.0.0.1:${port}/oidc`;
  await waitFor(`${base}/.well-known/openid-configuration`);
  return {
    base,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    appUrl: `http://127.0.0.1:${port}`,
    databaseFile: join(dir, "latchkey.db"),
  };
}

async function startBare(clientId, clientSecret) {
  const child = spawn(process.execPath, ["scripts/bench-bare.mjs", clientId, clientSecret], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const port = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/.well-known/openid-configuration`);
  return { base, clientId, clientSecret };
}

function endpoints(server) {
  const basic = Buffer.from(`${server.clientId}:${server.clientSecret}`).toString("base64");
  return {
    "token (client_credentials)": {
      url: `${server.base}/token`,
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    },
    discovery: { url: `${server.base}/.well-known/openid-configuration` },
    jwks: { url: `${server.base}/jwks` },
  };
}

async function measure(request, duration) {
  const result = await autocannon({ ...request, connections, duration, pipelining: 1 });
  if (result.non2xx || result.errors)
    throw new Error(`${request.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

ensureBuilt();
const latchkey = await startLatchkey();
postgres = await startPostgres();
const onPostgres = await startLatchkey(await createDatabase(postgres.url));
// The bare server knows the SQLite instance's client; the PostgreSQL instance has its own (same settings).
const bare = await startBare(latchkey.clientId, latchkey.clientSecret);
const bareEndpoints = endpoints(bare);
const latchkeyEndpoints = endpoints(latchkey);
const tokenName = "token (client_credentials)";
const cases = [
  ...Object.keys(bareEndpoints).map((name) => ({ name, bare: bareEndpoints[name], latchkey: latchkeyEndpoints[name] })),
  { name: `${tokenName}, PostgreSQL`, bare: bareEndpoints[tokenName], latchkey: endpoints(onPostgres)[tokenName] },
];
console.log(`Measuring ${rounds} x ${seconds}s per server and endpoint, ${connections} connections, alternating.\n`);

const rows = [];
for (const { name, ...servers } of cases) {
  // Warm both up (JIT, caches), then alternate so drift on the machine hits both alike.
  await measure(servers.bare, 1);
  await measure(servers.latchkey, 1);
  const samples = { bare: [], latchkey: [] };
  for (let round = 0; round < rounds; round++) {
    for (const who of round % 2 ? ["latchkey", "bare"] : ["bare", "latchkey"]) {
      samples[who].push(await measure(servers[who], seconds));
    }
  }
  const row = { endpoint: name, bare: median(samples.bare), latchkey: median(samples.latchkey), samples };
  row.ratio = row.latchkey / row.bare;
  row.target = targets[name] ?? target;
  rows.push(row);
  console.log(
    `${name.padEnd(38)} bare ${row.bare.toFixed(0).padStart(6)} req/s   latchkey ${row.latchkey.toFixed(0).padStart(6)} req/s   ratio ${row.ratio.toFixed(2)} ${row.ratio >= row.target ? "ok" : `BELOW ${row.target}`}`,
  );
}

// The console's list page with 5,000 apps, as a signed-in admin loads it (target: under 300 ms).
// BENCH_CONSOLE=0 skips it (the provider's numbers alone, in a fraction of the time).
const consoleTarget = 300;
const slowPages = [];
let consoleResult;
if (process.env.BENCH_CONSOLE !== "0") consoleResult = benchConsole();

function benchConsole() {
  const consoleRun = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/bench-console.ts", latchkey.appUrl, latchkey.databaseFile, ...benchAdmin],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (consoleRun.status !== 0) throw new Error("the console benchmark failed");
  const result = JSON.parse(consoleRun.stdout.trim().split("\n").pop());
  console.log(
    `\nConsole lists (${result.apps} apps, ${result.users} users), ${result.requests} sequential requests each:`,
  );
  for (const [page, t] of Object.entries(result.results)) {
    const ok = t.p95 < consoleTarget;
    if (!ok) slowPages.push(page);
    console.log(
      `${page.padEnd(28)} p50 ${t.p50.toFixed(1).padStart(6)} ms   p95 ${t.p95.toFixed(1).padStart(6)} ms   max ${t.max.toFixed(1).padStart(6)} ms ${ok ? "ok" : `ABOVE ${consoleTarget} ms`}`,
    );
  }
  return result;
}

mkdirSync("bench-results", { recursive: true });
const file = join("bench-results", `provider-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify({ seconds, rounds, connections, rows, console: consoleResult }, null, 2));
console.log(`\nSamples written to ${file}`);
const failed = rows.filter((r) => r.ratio < r.target);
console.log(
  failed.length
    ? `${failed.length} endpoint(s) below their target.`
    : "All endpoints at or above their target (x bare oidc-provider).",
);
if (slowPages.length) console.log(`${slowPages.length} console page(s) above ${consoleTarget} ms at p95.`);
// Exit explicitly: the servers' pipes would keep this process alive (the exit handler stops them).
process.exit(failed.length || slowPages.length ? 1 : 0);
