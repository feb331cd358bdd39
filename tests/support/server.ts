import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports";

export type TestServer = {
  url: string;
  issuer: string;
  databaseUrl: string;
  /** Output the server wrote (its structured logs). */
  logs(): string;
  /**
   * Runs the CLI against the server's database; resolves with exit code and output. Asynchronous
   * on purpose: see `runCliAsync`.
   */
  cli(...args: string[]): Promise<CliResult>;
  /** The server process's id (what a supervisor signals). */
  pid: number;
  /** Sends a signal; `exited` resolves with the exit code (or the signal's name). */
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | string>;
  stop(): Promise<void>;
};

const root = join(import.meta.dirname, "..", "..");

/** A temporary SQLite database URL, removed with `cleanup`. */
export function tempSqlite() {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-test-"));
  return { url: `file:${join(dir, "latchkey.db")}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The LATCHKEY_SECRET a test server on PostgreSQL (which requires one) and the CLI on the same
 * database share: derived from the database URL, so every process of a test agrees. SQLite
 * servers use their secret.key file instead, as a default installation does.
 */
export function testSecret(databaseUrl: string): string {
  return createHash("sha256").update(`latchkey test secret ${databaseUrl}`).digest("base64url");
}

export function secretEnv(databaseUrl: string): Record<string, string> {
  return /^postgres(ql)?:/.test(databaseUrl) ? { LATCHKEY_SECRET: testSecret(databaseUrl) } : {};
}

const cliEnv = (databaseUrl: string, env: Record<string, string>) => ({
  ...process.env,
  DATABASE_URL: databaseUrl,
  ...secretEnv(databaseUrl),
  ...env,
});

export type CliResult = { status: number; stdout: string; stderr: string };

/** Runs bin/latchkey.mjs in a process of its own, as an operator does (see support/cli.ts for the quick way). */
export function runCli(databaseUrl: string, args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [join(root, "bin", "latchkey.mjs"), ...args], {
    env: cliEnv(databaseUrl, env),
    encoding: "utf8",
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `runCli` without blocking the test's event loop: while a synchronous run takes seconds, the
 * server closes the test's idle keep-alive connections and the next fetch may reuse a dead one.
 */
export function runCliAsync(databaseUrl: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<CliResult>((resolve) => {
    execFile(
      process.execPath,
      [join(root, "bin", "latchkey.mjs"), ...args],
      { env: cliEnv(databaseUrl, env), encoding: "utf8" },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts the built server (dist/server.mjs) on a free loopback port and waits until it is healthy. */
export async function startServer(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  options: { port?: number } = {},
): Promise<TestServer> {
  // A restart may keep the port (and so the issuer) of the server it replaces.
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: url,
    DATABASE_URL: databaseUrl,
    ...secretEnv(databaseUrl),
    ...extraEnv,
  };
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [join(root, "dist", "server.mjs")], { env, cwd: root });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    issuer: `${url}/oidc`,
    databaseUrl,
    logs: () => output,
    cli: (...args) => runCliAsync(databaseUrl, args, { APP_URL: url, ...extraEnv }),
    pid: child.pid ?? -1,
    kill: (signal) => void child.kill(signal),
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
