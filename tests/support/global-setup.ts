import type { TestProject } from "vitest/node";
import { ensureFreshBuild } from "./fresh-build";
import { findPostgresBin, postgresMissing, startPostgres } from "./postgres";

/**
 * The integration project's setup: a build no older than the sources, and one PostgreSQL server
 * for the whole run (each test file makes its own databases on it). TEST_POSTGRES_URL names a
 * running server to use instead of starting one.
 */
export default async function setup(project: TestProject) {
  const given = process.env.TEST_POSTGRES_URL;
  // Checked before the build, which takes minutes. One line and out (nothing has started yet):
  // a thrown error would bury the remedy under a stack and Vitest's "no test files found".
  if (!given && !findPostgresBin()) {
    console.error(`integration tests: ${postgresMissing}`);
    process.exit(1);
  }
  ensureFreshBuild("integration tests");
  if (given) {
    project.provide("postgresUrl", given);
    return;
  }
  const postgres = await startPostgres();
  project.provide("postgresUrl", postgres.url);
  return () => postgres.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
