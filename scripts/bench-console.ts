// Part of `npm run bench`: the console's applications list with 5,000 apps and users list with
// 100,000 users, as a signed-in admin sees them. Run by scripts/bench.mjs (through tsx) against the Latchkey server it started:
//   bench-console.ts <appUrl> <sqlite file> <admin email> <admin password>
// Prints one JSON line: per page, the server's response time over sequential requests.
import Database from "better-sqlite3";
import type { CookieBrowser } from "../tests/support/browserless";
import { signInToPages } from "../tests/support/pages-session";

const [appUrl, file, email, password] = process.argv.slice(2);
const APPS = 5000;
const USERS = 100_000;
const REQUESTS = Number(process.env.BENCH_CONSOLE_REQUESTS ?? 100);

/** 5,000 applications, a fifth of them third-party, written straight to the database. */
function seed() {
  const db = new Database(file);
  const insert = db.prepare(
    `INSERT INTO "Application" (id, clientId, name, type, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const types = ["traditional", "spa", "native", "m2m", "third-party"];
  const start = Date.now() - APPS * 60_000;
  db.transaction(() => {
    for (let i = 0; i < APPS; i++) {
      // Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset.
      const at = new Date(start + i * 60_000).toISOString().replace("Z", "+00:00");
      insert.run(`bench${i}`, `benchclient${i}`, `Bench app ${i}`, types[i % types.length], at, at);
    }
  })();
  const user = db.prepare(
    `INSERT INTO "User" (id, email, passwordHash, name, createdAt, updatedAt) VALUES (?, ?, 'bench-no-password', ?, ?, ?)`,
  );
  const userStart = Date.now() - USERS * 1000;
  db.transaction(() => {
    for (let i = 0; i < USERS; i++) {
      const at = new Date(userStart + i * 1000).toISOString().replace("Z", "+00:00");
      user.run(`benchuser${i}`, `user${i}@bench.example.com`, `Bench User ${i}`, at, at);
    }
  })();
  db.close();
}

async function signIn(): Promise<CookieBrowser> {
  const browser = await signInToPages(appUrl, { email, password });
  const check = await browser.fetch(`${appUrl}/applications`);
  if (check.status !== 200) throw new Error(`console answered ${check.status} after sign-in`);
  return browser;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

seed();
const browser = await signIn();
const pages = {
  "first page": "/applications",
  "page 100 of 200": "/applications?page=100",
  "third-party tab": "/applications?tab=third-party",
  "search by name": "/applications?q=app%2042",
  "users, first page (100k)": "/users",
  "users, page 2000 of 4000": "/users?page=2000",
  "users, search (100k)": "/users?q=user4242",
};
const results: Record<string, { p50: number; p95: number; max: number }> = {};
for (const [name, path] of Object.entries(pages)) {
  for (let i = 0; i < 5; i++) await (await browser.fetch(appUrl + path)).text(); // warm up
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await browser.fetch(appUrl + path);
    await response.text();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  results[name] = { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}
console.log(JSON.stringify({ apps: APPS, users: USERS, requests: REQUESTS, results }));
