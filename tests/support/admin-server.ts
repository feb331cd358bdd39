import { afterAll, beforeAll } from "vitest";
import type { CookieBrowser } from "./browserless";
import { type DatabaseKind, databases } from "./databases";
import { callApi, signInToPages } from "./pages-session";
import { startServer, type TestServer } from "./server";

export type AdminServer = { server: TestServer; admin: CookieBrowser; stop(): Promise<void> };

/**
 * A server on a fresh database of `kind` (with `env` added to its environment), with one admin
 * (made by the CLI) signed in to the console in a CookieBrowser: the starting point of the API
 * and console tests.
 */
export async function startWithAdmin(
  kind: DatabaseKind,
  credentials: { email: string; password: string },
  env: Record<string, string> = {},
): Promise<AdminServer> {
  const db = await databases[kind]();
  const server = await startServer(db.url, env);
  const created = await server.cli(
    "admins",
    "create",
    "--email",
    credentials.email,
    "--password",
    credentials.password,
  );
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

/**
 * startWithAdmin for a describe block: started before its tests and stopped after them. `api`
 * calls /api/v1 as the signed-in admin, from the server's own origin.
 */
export function adminServerFor(kind: DatabaseKind, credentials: { email: string; password: string }) {
  let started: AdminServer | undefined;
  beforeAll(async () => {
    started = await startWithAdmin(kind, credentials);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const current = () => {
    if (!started) throw new Error("the admin server is not running (used outside the block's tests?)");
    return started;
  };
  return {
    get server() {
      return current().server;
    },
    get admin() {
      return current().admin;
    },
    api: (method: string, path: string, body?: unknown) =>
      callApi(current().admin, current().server.url, method, `/api/v1${path}`, body),
  };
}
