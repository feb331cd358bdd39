import type { CookieBrowser } from "./browserless";
import { type DatabaseKind, databases } from "./databases";
import { signInToPages } from "./pages-session";
import { startServer, type TestServer } from "./server";

export type AdminServer = { server: TestServer; admin: CookieBrowser; stop(): Promise<void> };

/**
 * A server on a fresh database of `kind`, with one admin (made by the CLI) signed in to the
 * console in a CookieBrowser: the starting point of the API and console tests.
 */
export async function startWithAdmin(
  kind: DatabaseKind,
  credentials: { email: string; password: string },
): Promise<AdminServer> {
  const db = await databases[kind]();
  const server = await startServer(db.url);
  const created = server.cli("admins", "create", "--email", credentials.email, "--password", credentials.password);
  if (created.status !== 0) throw new Error(`admins create failed: ${created.stderr}`);
  const admin = await signInToPages(server.url, credentials);
  return {
    server,
    admin,
    async stop() {
      await server.stop();
      db.cleanup();
    },
  };
}
