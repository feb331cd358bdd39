import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports";

export type Nginx = { url: string; port: number; stop(): Promise<void> };

/** Picks the port nginx will listen on, so the app behind it can be told its public URL first. */
export async function nginxPort(): Promise<number> {
  return freePort();
}

/**
 * Debian's nginx as the reverse proxy the README describes (proxy_add_x_forwarded_for, the
 * scheme in X-Forwarded-Proto), on a loopback port, with its own config, pid and temp files.
 */
export async function startNginx(port: number, upstream: string): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-nginx-"));
  // Workers run as nobody when the master is root; they must reach the temp folders.
  chmodSync(dir, 0o777);
  const config = join(dir, "nginx.conf");
  writeFileSync(
    config,
    `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
worker_processes 1;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${upstream};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
  );
  let output = "";
  const binary = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
  const child: ChildProcess = spawn(binary, ["-c", config, "-p", dir], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  let spawnError: Error | undefined;
  child.once("error", (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && !spawnError) child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (spawnError)
        throw new Error(
          `${binary} could not be started (apt-get install nginx, or set NGINX_PATH): ${spawnError.message}`,
        );
      if (child.exitCode !== null) throw new Error(`nginx exited early:\n${output}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {}
      if (Date.now() > deadline) throw new Error(`nginx did not start within 20 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    port,
    stop,
  };
}
