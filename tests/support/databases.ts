import { afterAll, inject } from "vitest";
import { createDatabase } from "./postgres";
import { tempSqlite } from "./server";

/** A fresh, empty database on the run's PostgreSQL server (the integration project's global setup). */
export const postgresDatabase = () => createDatabase(inject("postgresUrl"));

/** Both databases Latchkey runs on, each as a fresh one per call (for `describe.each(databaseKinds)`). */
export const databases = {
  sqlite: async () => tempSqlite(),
  postgresql: async () => ({ url: await postgresDatabase(), cleanup: () => {} }),
};

export type DatabaseKind = keyof typeof databases;
export const databaseKinds = Object.keys(databases) as DatabaseKind[];

/**
 * For a describe block whose tests each start from an empty database: returns a maker of fresh
 * databases, all removed after the block.
 */
export function freshDatabases() {
  const cleanups: (() => void)[] = [];
  afterAll(() => {
    for (const cleanup of cleanups) cleanup();
  });
  return async (kind: DatabaseKind) => {
    const db = await databases[kind]();
    cleanups.push(db.cleanup);
    return db;
  };
}
