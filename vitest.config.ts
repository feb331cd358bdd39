import { defineConfig } from "vitest/config";

// Two projects, chosen by folder: `unit` needs nothing but Node (no database file, no server,
// no build) and runs anywhere in seconds; `integration` runs the built server on SQLite and a
// throwaway PostgreSQL. `vitest run --project unit` (npm run test:unit) runs only the first.
export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "lib/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // Builds dist/ when it is older than the sources, and starts PostgreSQL (or says how to get it).
          globalSetup: ["tests/support/global-setup.ts"],
          // Integration files start real servers; on a 2-core machine one file at a time is faster and steadier.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
