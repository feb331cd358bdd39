#!/usr/bin/env node
// `npm run bench`: the provider's hot endpoints (token with client_credentials, discovery, JWKS)
// served by Latchkey on its embedded database (SQLite) and, for the token endpoint, on a throwaway
// PostgreSQL too, beside bare in-memory oidc-provider on plain node:http, measured alternately in
// the same run, with the ratio of each. Every token Latchkey answers is committed first.
// Targets: token >= 0.9 on SQLite and >= 0.8 on PostgreSQL; discovery and JWKS >= 0.8.
// The token endpoint is measured beside a second baseline too: the same bare oidc-provider storing
// each token durably before answering (scripts/bench-bare-durable.mjs: a plain table, group commit,
// on the same kind of database), which shows what durability itself costs here, apart from Latchkey.
// Then the console's applications list with 5,000 apps, as a signed-in admin (target: p95 < 300 ms).
// Runs under tsx (see package.json) to share the tests' PostgreSQL helper.
//
//   BENCH_SECONDS (default 5)  length of one measurement
//   BENCH_ROUNDS  (default 3)  measurements per server and endpoint (alternating); the median counts
//   BENCH_CONNECTIONS (default 8)
//   BENCH_CONSOLE (default 1)  0 skips the console lists
//   BENCH_ONLY=sign-in          only the whole-sign-in scenario (below), to iterate on it
//   BENCH_ONLY=provider         only the provider's endpoints (no sign-ins, no console lists)
//   BENCH_BUILD (default 1)     0 measures dist/ as it is, without building first
//
// The whole-sign-in scenario (scripts/bench-sign-in.mjs): BENCH_PEOPLE (default 6) simulated people
// sign in to a third-party app through the real pages (prompt=consent, code redeemed) for
// BENCH_SIGN_IN_SECONDS (default 15) per round, BENCH_SIGN_IN_ROUNDS (default 3) rounds, each beside
// the argon2id ceiling (scripts/bench-argon2.ts, same parameters and call as a sign-in, as many
// checks in flight as people) measured for BENCH_CEILING_SECONDS (default 5) just before it. Prints
// sign-ins/s, p50/p95, the ratio to the ceiling (target 0.6), the server's CPU per sign-in and its
// resident memory idle and after the load (target under 300 MB).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { createDatabase, startPostgres } from "../tests/support/postgres.ts";
import { prepareSignIn, processStats, runSignIns } from "./bench-sign-in.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const target = 0.8;
const targets = { "token (client_credentials)": 0.9, "token (client_credentials), PostgreSQL": 0.8 };
const benchAdmin = ["bench-admin@example.com", "bench-admin-password"];
/**
 * glibc's allocator as `npm start` and the README's supervisor examples set it: each argon2id check
 * takes 19 MiB, which glibc would otherwise keep per thread after it is freed (see README, Performance).
 */
const mallocEnv = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "1048576" };

const children = new Set();
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

/** Creates a Latchkey database with the bench's app and admin (through the CLI), then starts a server on it. */
async function startLatchkey(databaseUrl = `file:${join(dir, "latchkey.db")}`, extraEnv = {}) {
  const env = {
    ...process.env,
    ...mallocEnv,
    ...extraEnv,
    NODE_ENV: "production",
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
  const signIn = extraEnv.BENCH_PEOPLE ? prepareSignIn(env, Number(extraEnv.BENCH_PEOPLE)) : undefined;
  return {
    ...(await launchLatchkey(env)),
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    databaseFile: databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : undefined,
    env,
    signIn,
  };
}

/** Starts dist/server.mjs with `env` (a database already prepared) on a free port. */
async function launchLatchkey(env) {
  const port = await freePort();
  const child = spawn(process.execPath, ["dist/server.mjs"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", APP_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  track(child);
  const base = `http://127.0.0.1:${port}/oidc`;
  await waitFor(`${base}/.well-known/openid-configuration`);
  return { base, appUrl: `http://127.0.0.1:${port}`, pid: child.pid, child };
}

/** Remembers a child so the exit handler stops it if the bench ends first. */
function track(child) {
  children.add(child);
  child.once("exit", () => children.delete(child));
}

/** Stops a server the bench started and waits for it to be gone (SIGKILL after 15 s). */
async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** CPU time (ms) each process used so far, by pid; gone processes are left out. */
function cpuTimes(pids) {
  const times = new Map();
  for (const pid of pids) {
    try {
      // utime and stime: fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      times.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {}
  }
  return times;
}

/** The bench's own processes: the servers it started, and the throwaway PostgreSQL's. */
function ownProcesses() {
  const pids = [...children].map((child) => child.pid);
  if (!postgres) return pids;
  const port = new URL(postgres.url).port;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      // The postmaster names its port on its command line; its backends are its children.
      if (/postgres/.test(stat) && cmdline.includes(`-p\0${port}`)) pids.push(Number(entry));
      else if (/\(postgres\)/.test(stat)) {
        const ppid = Number(stat.split(") ")[1].split(" ")[1]);
        if (pids.includes(ppid)) pids.push(Number(entry));
      }
    } catch {}
  }
  return pids;
}

const IDLE_SHARE = 0.05;
const IDLE_WAIT_MS = 30_000;

/**
 * Waits until the bench's own processes together use under 5% of a core over half a second
 * (a server that just started compiles and loads lazily; one just measured may still be writing
 * or collecting garbage), for at most 30 s; says so if they never settle.
 */
async function settle() {
  const deadline = Date.now() + IDLE_WAIT_MS;
  for (;;) {
    const pids = ownProcesses();
    const before = cpuTimes(pids);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = cpuTimes(pids);
    let used = 0;
    for (const [pid, ms] of after) used += ms - (before.get(pid) ?? ms);
    if (used < 500 * IDLE_SHARE) return;
    if (Date.now() > deadline) {
      console.log(`  (the bench's own processes still used ${used / 5}% of a core after ${IDLE_WAIT_MS / 1000} s)`);
      return;
    }
  }
}

/** The load average over the last minute, as a string for the report. */
const load = () => loadavg()[0].toFixed(2);

/** Bare oidc-provider (scripts/bench-bare.mjs), or with `databaseUrl` its durable twin (bench-bare-durable.mjs). */
async function startBare(clientId, clientSecret, databaseUrl) {
  const script = databaseUrl ? "scripts/bench-bare-durable.mjs" : "scripts/bench-bare.mjs";
  const child = spawn(process.execPath, [script, clientId, clientSecret, ...(databaseUrl ? [databaseUrl] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  track(child);
  const port = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/.well-known/openid-configuration`);
  return { base, clientId, clientSecret, child };
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

if (process.env.BENCH_BUILD !== "0") ensureBuilt();
const only = process.env.BENCH_ONLY;
if (only && only !== "sign-in" && only !== "provider")
  throw new Error(`BENCH_ONLY: unknown scenario "${only}" (known: sign-in, provider)`);
const signInResult = only === "provider" ? undefined : await benchSignIns();
if (only === "sign-in") {
  writeResults({ signIn: signInResult });
  process.exit(signInResult.ok ? 0 : 1);
}
console.log(
  `Measuring ${rounds} x ${seconds}s per server and endpoint, ${connections} connections, alternating; ` +
    "each pair alone (load: the machine's 1-minute load average before each measurement).\n",
);
const tokenName = "token (client_credentials)";
const rows = [];
const labels = { bare: "bare", durable: "bare durable", latchkey: "latchkey" };

// The embedded database: Latchkey and the bare servers, nothing else of the bench's running.
const latchkey = await startLatchkey();
let bare = await startBare(latchkey.clientId, latchkey.clientSecret);
let durable = await startBare(latchkey.clientId, latchkey.clientSecret, `file:${join(dir, "bare-durable.db")}`);
const bareEndpoints = endpoints(bare);
const latchkeyEndpoints = endpoints(latchkey);
for (const name of Object.keys(bareEndpoints)) {
  const servers = { bare: bareEndpoints[name], latchkey: latchkeyEndpoints[name] };
  // The durable twin differs from bare only in how it stores tokens: measured beside the token endpoint.
  if (name === tokenName) servers.durable = endpoints(durable)[name];
  rows.push(await measurePair(name, servers));
}
await Promise.all([stop(bare.child), stop(durable.child), stop(latchkey.child)]);

// PostgreSQL: its own Latchkey and fresh bare servers knowing that instance's client (same settings).
postgres = await startPostgres();
const onPostgres = await startLatchkey(await createDatabase(postgres.url));
bare = await startBare(onPostgres.clientId, onPostgres.clientSecret);
durable = await startBare(onPostgres.clientId, onPostgres.clientSecret, await createDatabase(postgres.url));
rows.push(
  await measurePair(`${tokenName}, PostgreSQL`, {
    bare: endpoints(bare)[tokenName],
    durable: endpoints(durable)[tokenName],
    latchkey: endpoints(onPostgres)[tokenName],
  }),
);
await Promise.all([stop(bare.child), stop(durable.child), stop(onPostgres.child)]);
postgres.stop();
postgres = undefined;

/**
 * Warms every server up, then measures them in turn, each round starting one further along, so
 * drift on the machine hits all alike; medians and the ratios of Latchkey's to bare's (the target)
 * and, for the token endpoint, to the durable twin's.
 */
async function measurePair(name, servers) {
  const who = Object.keys(servers);
  await settle();
  for (const each of who) await measure(servers[each], 1);
  const samples = Object.fromEntries(who.map((each) => [each, []]));
  const loads = Object.fromEntries(who.map((each) => [each, []]));
  const lines = [];
  for (let round = 0; round < rounds; round++) {
    const line = [];
    for (const each of [...who.slice(round % who.length), ...who.slice(0, round % who.length)]) {
      await settle();
      loads[each].push(Number(load()));
      samples[each].push(await measure(servers[each], seconds));
      line.push(`${labels[each]} ${samples[each].at(-1).toFixed(0)} req/s (load ${loads[each].at(-1).toFixed(2)})`);
    }
    lines.push(`  round ${round + 1}: ${line.join(", ")}`);
  }
  const row = { endpoint: name, samples, loads };
  for (const each of who) row[each] = median(samples[each]);
  row.ratio = row.latchkey / row.bare;
  row.target = targets[name] ?? target;
  if (row.durable) row.ratioToDurable = row.latchkey / row.durable;
  const rate = (each) => `${labels[each]} ${row[each].toFixed(0).padStart(6)} req/s`;
  console.log(
    `${name.padEnd(38)} ${who.map(rate).join("   ")}   ratio ${row.ratio.toFixed(2)} ${row.ratio >= row.target ? "ok" : `BELOW ${row.target}`}` +
      (row.durable
        ? ` (to bare durable: ${row.ratioToDurable.toFixed(2)}; bare durable to bare: ${(row.durable / row.bare).toFixed(2)})`
        : ""),
  );
  for (const line of lines) console.log(line);
  return row;
}

// The console's list page with 5,000 apps, as a signed-in admin loads it (target: under 300 ms),
// on the embedded database's instance started again alone. BENCH_CONSOLE=0 skips it (the
// provider's numbers alone, in a fraction of the time).
const consoleTarget = 300;
const slowPages = [];
let consoleResult;
if (process.env.BENCH_CONSOLE !== "0" && only !== "provider") {
  const server = await launchLatchkey(latchkey.env);
  consoleResult = benchConsole(server.appUrl, latchkey.databaseFile);
  await stop(server.child);
}

function benchConsole(appUrl, databaseFile) {
  const consoleRun = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/bench-console.ts", appUrl, databaseFile, ...benchAdmin],
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

writeResults({ seconds, rounds, connections, rows, console: consoleResult, signIn: signInResult });
const failed = rows.filter((r) => r.ratio < r.target);
console.log(
  failed.length
    ? `${failed.length} endpoint(s) below their target.`
    : "All endpoints at or above their target (x bare oidc-provider).",
);
if (slowPages.length) console.log(`${slowPages.length} console page(s) above ${consoleTarget} ms at p95.`);
// Exit explicitly: the servers' pipes would keep this process alive (the exit handler stops them).
process.exit(failed.length || slowPages.length || (signInResult && !signInResult.ok) ? 1 : 0);

function writeResults(results) {
  mkdirSync("bench-results", { recursive: true });
  const file = join("bench-results", `provider-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\nSamples written to ${file}`);
}

/** The argon2id ceiling: password checks per second with the project's parameters (scripts/bench-argon2.ts). */
function ceiling(concurrency, duration) {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/bench-argon2.ts", String(concurrency), String(duration)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...mallocEnv } },
  );
  if (run.status !== 0) throw new Error("the argon2 ceiling could not be measured");
  return JSON.parse(run.stdout.trim().split("\n").pop());
}

/** Whole sign-ins on a fresh instance, each round beside the argon2id ceiling measured just before it. */
async function benchSignIns() {
  const people = Number(process.env.BENCH_PEOPLE ?? 6);
  const signInSeconds = Number(process.env.BENCH_SIGN_IN_SECONDS ?? 15);
  const signInRounds = Number(process.env.BENCH_SIGN_IN_ROUNDS ?? 3);
  const ceilingSeconds = Number(process.env.BENCH_CEILING_SECONDS ?? 5);
  const file = join(dir, "sign-in.db");
  const server = await startLatchkey(`file:${file}`, { BENCH_PEOPLE: String(people), TRUST_PROXY: "1" });
  const target = { appUrl: server.appUrl, ...server.signIn };
  // Idle: started and answering, nothing signed in yet.
  const idle = processStats(server.pid);
  console.log(
    `Whole sign-ins: ${people} people, ${signInRounds} x ${signInSeconds}s, each beside ${ceilingSeconds}s of argon2id checks.`,
  );
  await runSignIns(target, { people, seconds: Math.min(5, signInSeconds), pid: server.pid }); // warm-up
  const samples = [];
  for (let round = 0; round < signInRounds; round++) {
    const hash = ceiling(people, ceilingSeconds);
    const run = await runSignIns(target, { people, seconds: signInSeconds, pid: server.pid });
    const sample = {
      ...run,
      ceiling: hash.perSecond,
      hashCpuMs: hash.cpuMs / hash.verifies,
      ratio: run.perSecond / hash.perSecond,
    };
    samples.push(sample);
    console.log(
      `  round ${round + 1}: ${run.perSecond.toFixed(1)} sign-ins/s (p50 ${run.p50.toFixed(0)} ms, p95 ${run.p95.toFixed(0)} ms, server CPU ${run.serverCpuMsPerSignIn.toFixed(0)} ms/sign-in)   argon2id ${hash.perSecond.toFixed(1)}/s (${sample.hashCpuMs.toFixed(0)} ms CPU each)   ratio ${sample.ratio.toFixed(2)}`,
    );
  }
  const loaded = processStats(server.pid);
  await stop(server.child);
  const byRatio = [...samples].sort((a, b) => a.ratio - b.ratio);
  const mid = byRatio[Math.floor(byRatio.length / 2)];
  const ok = mid.ratio >= 0.6 && loaded.rssMb < 300;
  console.log(
    `whole sign-in (median round)          ${mid.perSecond.toFixed(1)} sign-ins/s   argon2id ceiling ${mid.ceiling.toFixed(1)}/s   ratio ${mid.ratio.toFixed(2)} (rounds ${byRatio[0].ratio.toFixed(2)}-${byRatio.at(-1).ratio.toFixed(2)}) ${mid.ratio >= 0.6 ? "ok" : "BELOW 0.6"}`,
  );
  console.log(
    `  p50 ${mid.p50.toFixed(0)} ms, p95 ${mid.p95.toFixed(0)} ms; median per step (ms): ${Object.entries(mid.steps)
      .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
      .join(", ")}`,
  );
  console.log(
    `  server memory (RSS): ${idle.rssMb.toFixed(0)} MB idle, ${loaded.rssMb.toFixed(0)} MB after the load ${loaded.rssMb < 300 ? "ok" : "ABOVE 300 MB"}\n`,
  );
  return {
    people,
    signInSeconds,
    ceilingSeconds,
    samples,
    ratio: mid.ratio,
    rssIdleMb: idle.rssMb,
    rssLoadedMb: loaded.rssMb,
    ok,
  };
}
