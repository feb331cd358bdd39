import { inject } from "vitest";
import { createDatabase } from "./postgres";
import { tempSqlite } from "./server";

/** Both databases Latchkey runs on, each as a fresh one per call (for `describe.each(databaseKinds)`). */
export const databases = {
  sqlite: async () => tempSqlite(),
  postgresql: async () => ({ url: await createDatabase(inject("postgresUrl")), cleanup: () => {} }),
};

export type DatabaseKind = keyof typeof databases;
export const databaseKinds = Object.keys(databases) as DatabaseKind[];
