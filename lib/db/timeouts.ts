/**
 * How long a database may take before a request gives up and answers 503: opening a connection
 * (or waiting for a free one), and running one statement (on SQLite: waiting for a lock).
 * Without them a frozen PostgreSQL holds every request until the operating system gives up.
 */
export type DatabaseTimeouts = { connectMs: number; statementMs: number };

export const defaultTimeouts: DatabaseTimeouts = { connectMs: 3000, statementMs: 5000 };
