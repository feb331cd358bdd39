import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium by default (Playwright's own browser download cannot run here); set
// CHROMIUM_PATH to use another Chromium or Chrome.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const args = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const desktop = { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } };

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // npm test asks for a JSON report too, to count the tests in its closing line.
  reporter: process.env.PLAYWRIGHT_JSON_REPORT
    ? [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_REPORT }]]
    : [["list"]],
  outputDir: "test-results",
  use: {
    launchOptions: { executablePath, args },
    trace: "retain-on-failure",
  },
  projects: [
    { name: "desktop", use: desktop },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
    // The same sign-in and console story against a server on PostgreSQL (e2e/global-setup.ts starts
    // one beside the SQLite one): the paths a person walks most, and the account's own stories
    // (two-factor, recovery, edits), not the whole suite a third time.
    {
      name: "postgresql",
      testMatch: [
        "sign-in.spec.ts",
        "console-story.spec.ts",
        "passkeys.spec.ts",
        "two-factor.spec.ts",
        "password-recovery.spec.ts",
        "account-edits.spec.ts",
        "self-registration.spec.ts",
      ],
      metadata: { database: "postgresql" },
      use: desktop,
    },
  ],
});
