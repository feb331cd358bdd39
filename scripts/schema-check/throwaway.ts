import { startPostgres } from "../../tests/support/postgres";
import { type CheckOptions, type CheckResult, checkMigrations } from "./check";

/**
 * The check as the scripts run it: on SQLite, and on a throwaway PostgreSQL server started for
 * it (and stopped after). Where PostgreSQL's server binaries are missing it checks SQLite alone
 * and says so in one line.
 */
export async function checkOnThrowawayServer(options: Omit<CheckOptions, "postgresUrl">): Promise<CheckResult> {
  let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
  try {
    postgres = await startPostgres();
  } catch (error) {
    console.log(`postgresql: not checked: ${(error as Error).message}`);
  }
  try {
    return await checkMigrations({ ...options, postgresUrl: postgres?.url });
  } finally {
    postgres?.stop();
  }
}
