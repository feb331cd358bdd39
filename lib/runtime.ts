import type Provider from "oidc-provider";
import type { ConsoleAuth } from "./console/built-in-clients";
import type { Database } from "./db/client";
import type { DirectSql } from "./db/direct-sql";
import type { Env } from "./env";
import type { Mailer } from "./mail/mailer";
import type { ClientStore } from "./oidc/client-store";
import type { KeyRing } from "./oidc/key-ring";
import type { Kek } from "./secrets/envelope";
import type { Logger } from "./server/log";

/**
 * What one running Latchkey holds: its database, provider and caches. The server creates it
 * and registers it here, so that route handlers and pages (bundled separately by Next.js but
 * running in the same process) use the very same instances.
 */
export type Runtime = {
  env: Env;
  database: Database;
  /** The hot paths' prepared statements (sign-in throttle, account lookups), beside Prisma. */
  sql: DirectSql;
  clients: ClientStore;
  /** The provider serving now; a signing key change replaces it, so read it when needed. */
  provider: Provider;
  /** The signing keys' watcher: `refresh()` after changing keys, so this instance follows at once. */
  signingKeys: KeyRing;
  /** Encrypts the keys this instance stores (a rotation's new signing key). */
  kek: Kek;
  log: Logger;
  /** Sends email (SMTP_URL), remembering each outcome for the console; never throws. */
  mail: Mailer;
  console: ConsoleAuth;
  /**
   * How this process reaches itself (`http://127.0.0.1:PORT`), for server-side calls to its own
   * provider; known once the server listens.
   */
  internalUrl(): string;
};

const key = Symbol.for("latchkey.runtime");
type Holder = { [key]?: Runtime };

export function registerRuntime(runtime: Runtime | undefined) {
  (globalThis as Holder)[key] = runtime;
}

export function runtime(): Runtime {
  const current = (globalThis as Holder)[key];
  if (!current)
    throw new Error("Latchkey's runtime is not started: run the app through its server (npm start or npm run dev)");
  return current;
}
