import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports";
import { startServer, tempSqlite } from "../support/server";
import { createM2mApp, eventually, inactiveTokens, tokenBurst } from "../support/tokens";

const root = join(import.meta.dirname, "..", "..");

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("stopping", () => {
  const db = tempSqlite();
  afterAll(() => db.cleanup());

  it("drains on SIGTERM under keep-alive load: nothing cut off, exit 0, every answered token stored", async () => {
    let server = await startServer(db.url);
    const app = await createM2mApp(server);
    // One kept-alive connection, as a load balancer's health checks use.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      new Promise<{ status: number; connection?: string }>((resolve, reject) => {
        http
          .get(`${server.url}${path}`, { agent, timeout: 10_000 }, (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          })
          .on("error", reject);
      });
    expect((await get("/healthz")).status).toBe(200);
    // Health checks every 250 ms on that one connection, as a load balancer's would be, so it is
    // never idle long enough for the server's keep-alive timeout (5 s) to close it, however slow
    // the burst is on a busy machine.
    let health = { status: 0 } as { status: number; connection?: string };
    let healthError: unknown;
    const checking = (async () => {
      while (health.status !== 503) {
        try {
          health = await get("/healthz");
        } catch (error) {
          healthError = error;
          return;
        }
        if (health.status !== 503) await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    let signalledAt = 0;
    const burst = tokenBurst(server.issuer, app, {
      workers: 8,
      deadlineMs: 60_000,
      disrupt: {
        when: (answers) => answers.length >= 100,
        act: () => {
          signalledAt = performance.now();
          server.kill("SIGTERM");
        },
      },
    });
    await eventually("the burst to reach 100 answers", async () => signalledAt > 0);
    // On the connection that was already open, /healthz turns 503 (and closes it) at once.
    await eventually("/healthz to answer 503", async () => health.status === 503 || healthError !== undefined, 5_000);
    await checking;
    expect(healthError).toBeUndefined();
    expect(health.connection).toBe("close");

    const { answers, failures, tokens } = await burst;
    expect(await server.exited).toBe(0);
    expect(performance.now() - signalledAt).toBeLessThan(12_000);
    // Requests on open connections were answered (with Connection: close); new connections are
    // refused once the port is closed. Nothing was reset half-way.
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(failures.filter((code) => code !== "ECONNREFUSED")).toEqual([]);
    agent.destroy();

    server = await startServer(db.url);
    try {
      expect(await inactiveTokens(server.issuer, app, tokens)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it("exits non-zero with one line when its port is taken", async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const child = spawn(process.execPath, [join(root, "dist", "server.mjs")], {
        cwd: root,
        env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: db.url },
      });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error("the server kept running on a taken port"));
        }, 60_000);
        child.once("exit", (status) => {
          clearTimeout(timer);
          resolve(status);
        });
      });
      expect(code).toBe(1);
      // (oidc-provider warns about Node 20 on every start; that line is not ours.)
      const lines = stderr
        .trim()
        .split("\n")
        .filter((line) => !line.startsWith("oidc-provider WARNING"));
      expect(lines).toEqual([`Cannot listen on 127.0.0.1:${port}: EADDRINUSE`]);
    } finally {
      blocker.close();
    }
  });

  // A supervisor signals the process it launched. With `npm start` that is npm, or (with the
  // process-group-less supervisors) npm's child; either way the server must drain and go.
  it.each(["the server npm started", "npm itself"])("stops the server when %s gets SIGTERM", async (target) => {
    const port = await freePort();
    const npm = spawn("npm", ["start", "--silent"], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: db.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    npm.stdout.on("data", (chunk) => (output += chunk));
    npm.stderr.on("data", (chunk) => (output += chunk));
    const npmExit = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
    let serverPid = 0;
    try {
      await eventually("npm start to serve", async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 120_000);
      const children = spawnSync("pgrep", ["-P", String(npm.pid)], { encoding: "utf8" })
        .stdout.trim()
        .split(/\s+/);
      expect(children).toHaveLength(1);
      serverPid = Number(children[0]);
      // npm's child is the server itself, not a shell that would die and orphan it.
      expect(readFileSync(`/proc/${serverPid}/cmdline`, "utf8")).toContain("scripts/start.mjs");

      process.kill(target === "npm itself" ? (npm.pid ?? 0) : serverPid, "SIGTERM");
      await eventually("the server to exit", async () => !alive(serverPid), 20_000);
      expect(output).toContain('"msg":"draining"');
      expect(output).toContain('"msg":"stopped"');
      // One signal, one drain: nothing cut it short (a repeated signal means "stop at once").
      expect(output).not.toContain('"msg":"stopping at once"');
      if (target !== "npm itself") expect(await npmExit).toBe(0);
    } finally {
      if (serverPid && alive(serverPid)) process.kill(serverPid, "SIGKILL");
      if (npm.exitCode === null) npm.kill("SIGKILL");
    }
  });
});
