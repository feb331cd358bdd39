import { createServer } from "node:http";
import type { FullConfig } from "@playwright/test";
import { ensureFreshBuild } from "../tests/support/fresh-build";
import { createDatabase, findPostgresBin, postgresMissing, startPostgres } from "../tests/support/postgres";
import { startServer, tempSqlite } from "../tests/support/server";

/** One user per Playwright project, so consent given in one viewport does not skip it in the other. */
export const userFor = (project: string) => ({ email: `lin.${project}@example.com`, password: "a-long-passphrase" });
/** One console admin per project as well. */
export const adminFor = (project: string) => ({ email: `ada.${project}@example.com`, password: "admin-passphrase" });

export type E2eDatabase = "sqlite" | "postgresql";
type App = { clientId: string; clientSecret?: string };
/** What a test needs to reach the server of its project's database. */
export type E2eServer = {
  url: string;
  issuer: string;
  redirect: string;
  wiki: App;
  portal: App;
  /** A machine-to-machine app allowed the management API, for tests that make their own apps. */
  setup: App;
  /** The server's database, for a test that runs a second instance on it (e2e/passkeys.spec.ts). */
  databaseUrl: string;
};

/** The database a project runs on (its `metadata.database`; SQLite unless it says otherwise). */
export const databaseOf = (project: { metadata?: Record<string, unknown> }): E2eDatabase =>
  project.metadata?.database === "postgresql" ? "postgresql" : "sqlite";

/** The projects named with --project on the command line (all when none is). */
function requestedProjects(config: FullConfig): string[] {
  const named: string[] = [];
  process.argv.forEach((arg, i) => {
    if (arg === "--project" && process.argv[i + 1]) named.push(process.argv[i + 1]);
    else if (arg.startsWith("--project=")) named.push(arg.slice("--project=".length));
  });
  const all = config.projects.map((project) => project.name);
  return named.length ? all.filter((name) => named.includes(name)) : all;
}

/**
 * A server per database the chosen projects run on (SQLite always; PostgreSQL for the projects
 * that say `metadata: { database: "postgresql" }`), each on a fresh database with a user and an
 * admin per project and two apps, plus the small "app" page their redirect URIs point at.
 */
export default async function globalSetup(config: FullConfig) {
  ensureFreshBuild("browser tests");
  // The "app": a page that answers the redirect URI, so the browser lands somewhere real.
  const app = createServer((req, res) => {
    if (req.url === "/logo.svg") {
      // A logo for branded consent pages: the app's own image, from the app's own host.
      res.writeHead(200, { "content-type": "image/svg+xml" });
      return res.end(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0f766e"/><path d="M16 44V20h8l8 14 8-14h8v24h-7V31l-9 15-9-15v13z" fill="#fff"/></svg>',
      );
    }
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>App</title><h1>App callback</h1>");
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const address = app.address();
  const redirect = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/callback`;

  const requested = requestedProjects(config);
  const projectsOn = (database: E2eDatabase) =>
    config.projects.filter((p) => databaseOf(p) === database && requested.includes(p.name)).map((p) => p.name);
  const stops: (() => Promise<void> | void)[] = [() => void app.close()];
  const servers: Partial<Record<E2eDatabase, E2eServer | { unavailable: string }>> = {};

  async function serve(database: E2eDatabase, databaseUrl: string) {
    const server = await startServer(databaseUrl);
    stops.unshift(() => server.stop());
    const json = async (...args: string[]) => {
      const result = await server.cli(...args, "--json");
      if (result.status !== 0) throw new Error(result.stderr);
      return JSON.parse(result.stdout);
    };
    for (const project of projectsOn(database)) {
      const user = userFor(project);
      await json("users", "create", "--email", user.email, "--password", user.password, "--name", "Lin Wei");
      const admin = adminFor(project);
      await json("admins", "create", "--email", admin.email, "--password", admin.password, "--name", "Ada Admin");
    }
    const wiki = await json(
      "apps",
      "create",
      ...["--name", "Acme Wiki", "--type", "third-party", "--redirect-uri", redirect],
      ...["--scope", "profile", "--scope", "email", "--scope", "phone"],
    );
    const portal = await json(
      "apps",
      "create",
      "--name",
      "Staff Portal",
      "--type",
      "traditional",
      "--redirect-uri",
      redirect,
    );
    const setup = await json(
      "apps",
      "create",
      "--name",
      "Browser test setup",
      "--type",
      "m2m",
      "--scope",
      "management",
    );
    servers[database] = { url: server.url, issuer: server.issuer, redirect, wiki, portal, setup, databaseUrl };
  }

  async function servePostgres() {
    if (process.env.TEST_POSTGRES_URL) {
      process.env.LATCHKEY_E2E_POSTGRES = process.env.TEST_POSTGRES_URL;
      return serve("postgresql", await createDatabase(process.env.TEST_POSTGRES_URL));
    }
    if (!findPostgresBin()) {
      servers.postgresql = { unavailable: postgresMissing };
      return;
    }
    const postgres = await startPostgres();
    stops.push(() => postgres.stop());
    // For specs that start a Latchkey of their own (with email): each makes a database here.
    process.env.LATCHKEY_E2E_POSTGRES = postgres.url;
    await serve("postgresql", await createDatabase(postgres.url));
  }

  const sqlite = tempSqlite();
  stops.push(() => sqlite.cleanup());
  const stopAll = async () => {
    for (const stop of stops) await stop();
  };
  // Both at once: the PostgreSQL server starts while the SQLite one does, so it adds little time.
  // Settled, not raced: whatever did start is stopped before a failure is reported.
  const started = await Promise.allSettled([
    serve("sqlite", sqlite.url),
    projectsOn("postgresql").length ? servePostgres() : Promise.resolve(),
  ]);
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  // Workers inherit the environment globalSetup leaves behind.
  process.env.LATCHKEY_E2E = JSON.stringify(servers);
  return stopAll;
}
