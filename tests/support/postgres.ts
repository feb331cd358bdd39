import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./ports";

export type Postgres = {
  url: string;
  stop(): void;
  /** An outage: stops the server (fast shutdown), keeping its data for `start`. */
  halt(): void;
  start(): void;
  /** A network black hole: SIGSTOP to the postmaster and every backend; `thaw` resumes them. */
  freeze(): void;
  thaw(): void;
};

/** Where the tests look for PostgreSQL, and what to do when it is not there: one line. */
export const postgresMissing =
  "PostgreSQL's server binaries (initdb, pg_ctl) were not found in PG_BIN or /usr/lib/postgresql/*/bin: " +
  "install them (Debian: apt-get install postgresql), set PG_BIN to their folder, " +
  "or set TEST_POSTGRES_URL to a server the tests may create databases on";

/** The folder holding initdb and pg_ctl: PG_BIN when set, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string | undefined {
  const has = (dir: string) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"));
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((version) => join(root, version, "bin")).find(has);
}

function binDir(): string {
  const bin = findPostgresBin();
  if (!bin) throw new Error(postgresMissing);
  return bin;
}

/**
 * Starts a throwaway PostgreSQL server on a free loopback port in a temporary directory.
 * As root it runs as the `postgres` user, since initdb refuses to run as root.
 */
export async function startPostgres(): Promise<Postgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "latchkey-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    try {
      execFileSync(file, argv, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    } catch (error) {
      // Its own words, as text (execFileSync's error carries stderr as a byte buffer otherwise).
      const { stderr, message } = error as { stderr?: string; message: string };
      throw new Error(`${cmd} ${args.join(" ")} failed: ${(stderr || message).trim()}`);
    }
  };
  const port = await freePort();
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  run("pg_ctl", [
    "-D",
    data,
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "-l",
    join(dir, "log"),
    "-w",
    "start",
  ]);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const options = ["-D", data, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`];
  const processes = () => {
    const postmaster = readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0].trim();
    const children = spawnSync("pgrep", ["-P", postmaster], { encoding: "utf8" }).stdout.split(/\s+/).filter(Boolean);
    return [postmaster, ...children].map(Number);
  };
  let frozen: number[] = [];
  const thaw = () => {
    for (const pid of frozen) {
      try {
        process.kill(pid, "SIGCONT");
      } catch {}
    }
    frozen = [];
  };
  return {
    url,
    halt: () => run("pg_ctl", ["-D", data, "-w", "stop", "-m", "fast"]),
    start: () => run("pg_ctl", [...options, "-l", join(dir, "log"), "-w", "start"]),
    freeze() {
      frozen = processes();
      for (const pid of frozen) process.kill(pid, "SIGSTOP");
    },
    thaw,
    stop() {
      thaw();
      const args = ["-D", data, "stop", "-m", "fast"];
      if (asRoot) spawnSync("runuser", ["-u", "postgres", "--", join(bin, "pg_ctl"), ...args], { stdio: "ignore" });
      else spawnSync(join(bin, "pg_ctl"), args, { stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty database on the test server, so test files never see each other's data. */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `latchkey_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return serverUrl.replace(/\/[^/]*$/, `/${name}`);
}
