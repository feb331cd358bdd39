#!/usr/bin/env node
// `npm test`: the whole suite, in the order a failure is cheapest to find.
//   1. lint and format (Biome)   2. types (tsc)   3. production build
//   4. unit tests (Vitest project `unit`: no database, no server)
//   5. integration tests (Vitest project `integration`: the built server on SQLite and a throwaway PostgreSQL)
//   6. browser tests (Playwright on Chromium; sign-in and the console story on PostgreSQL too)
// Ends with one line counting every test: "tests: N passed, N failed, N skipped".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

// Outside test-results/, which Playwright empties when it starts.
const reports = "test-reports";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function step(name, command, args, extraEnv = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${name} failed after ${seconds}s`);
    return false;
  }
  console.log(`✔ ${name} (${seconds}s)`);
  return true;
}

const vitest = (project) => {
  const report = join(reports, `vitest-${project}.json`);
  const args = ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json"];
  return { report, ok: () => step(`${project} tests`, "npx", [...args, `--outputFile.json=${report}`]) };
};
const unit = vitest("unit");
const integration = vitest("integration");
const playwrightReport = join(reports, "playwright.json");
const ok =
  step("lint and format", "npx", ["biome", "check", "."]) &&
  step("types", "npx", ["tsc", "--noEmit"]) &&
  // Unit tests before the build: they need none, and fail in seconds.
  unit.ok() &&
  step("build", "npm", ["run", "--silent", "build"]) &&
  [
    integration.ok(),
    step("browser tests", "npx", ["playwright", "test"], { PLAYWRIGHT_JSON_REPORT: playwrightReport }),
  ].every(Boolean);

const counts = { passed: 0, failed: 0, skipped: 0 };
for (const { report } of [unit, integration]) {
  try {
    const v = JSON.parse(readFileSync(report, "utf8"));
    counts.passed += v.numPassedTests;
    counts.failed += v.numFailedTests;
    counts.skipped += v.numPendingTests + v.numTodoTests;
  } catch {}
}
try {
  const p = JSON.parse(readFileSync(playwrightReport, "utf8")).stats;
  counts.passed += p.expected + p.flaky;
  counts.failed += p.unexpected;
  counts.skipped += p.skipped;
} catch {}
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(ok && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
