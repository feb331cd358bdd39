import { type DatabaseKind, databases } from "./databases";
import { startServer, type TestServer } from "./server";
import { waitFor } from "./wait";

export type M2mApp = { clientId: string; clientSecret: string };

/** A machine-to-machine app created through the CLI. */
export async function createM2mApp(server: TestServer, ...args: string[]): Promise<M2mApp> {
  const created = await server.cli("apps", "create", "--name", "Job", "--type", "m2m", "--json", ...args);
  if (created.status !== 0) throw new Error(`apps create failed: ${created.stderr}`);
  return JSON.parse(created.stdout) as M2mApp;
}

const basic = (app: M2mApp) => `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`;

/** One client_credentials token request, as a client sends it. */
export function requestToken(issuer: string, app: M2mApp, params: Record<string, string> = {}): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: "POST",
    headers: { authorization: basic(app), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", ...params }),
    signal: AbortSignal.timeout(30_000),
  });
}

/** Whether the server that `issuer` names finds the token active. */
export async function introspect(issuer: string, app: M2mApp, token: string): Promise<boolean> {
  const response = await fetch(`${issuer}/token/introspection`, {
    method: "POST",
    headers: { authorization: basic(app), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }),
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 200) throw new Error(`introspection answered ${response.status}`);
  return ((await response.json()) as { active: boolean }).active;
}

/** The tokens among `tokens` the server does not find active (introspected 8 at a time). */
export async function inactiveTokens(issuer: string, app: M2mApp, tokens: string[]): Promise<string[]> {
  const inactive: string[] = [];
  const queue = [...tokens];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let token = queue.pop(); token; token = queue.pop())
        if (!(await introspect(issuer, app, token))) inactive.push(token);
    }),
  );
  return inactive;
}

export type Answer = { status: number; body: Record<string, unknown>; retryAfter: string | null };

/**
 * Token requests from `workers` concurrent clients until `stop()` says so (never, by default) or
 * the deadline passes. `disrupt.act` runs once, mid-burst, as soon as `disrupt.when` holds (a kill,
 * a database halt). Every answer is kept; a request that fails to connect or is cut off ends its
 * client and is counted in `failures` by its error code.
 */
export async function tokenBurst(
  issuer: string,
  app: M2mApp,
  options: {
    workers: number;
    deadlineMs: number;
    stop?: (answers: Answer[]) => boolean;
    disrupt?: { when: (answers: Answer[]) => boolean; act: () => void };
  },
) {
  const answers: Answer[] = [];
  const failures: string[] = [];
  const deadline = Date.now() + options.deadlineMs;
  let disrupted = false;
  const carryOn = () => {
    if (!disrupted && options.disrupt?.when(answers)) {
      disrupted = true;
      options.disrupt.act();
    }
    return !options.stop?.(answers) && Date.now() < deadline;
  };
  await Promise.all(
    Array.from({ length: options.workers }, async () => {
      while (carryOn()) {
        try {
          const response = await requestToken(issuer, app);
          const body = (await response.json()) as Record<string, unknown>;
          answers.push({ status: response.status, body, retryAfter: response.headers.get("retry-after") });
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause;
          failures.push(cause?.code ?? String(error));
          return;
        }
      }
    }),
  );
  return {
    answers,
    failures,
    disrupted,
    tokens: answers.filter((a) => a.status === 200).map((a) => String(a.body.access_token)),
  };
}

/** Polls until `check` holds, a check that throws counting as not yet (each check bounded by the caller). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  await waitFor(what, () => check().catch(() => false), timeoutMs);
}

/**
 * A server on a fresh database of `kind` with one user and a third-party app (with a secret)
 * redirecting to `redirectUri`: where the token flows of a signed-in user start. `cleanup`
 * removes the database once the server has stopped.
 */
export async function startWithWebApp(
  kind: DatabaseKind,
  user: { email: string; password: string },
  redirectUri: string,
): Promise<{ server: TestServer; app: M2mApp; cleanup: () => void }> {
  const db = await databases[kind]();
  const server = await startServer(db.url);
  const made = await server.cli("users", "create", "--email", user.email, "--password", user.password);
  if (made.status !== 0) throw new Error(`users create failed: ${made.stderr}`);
  const created = await server.cli(
    ...["apps", "create", "--name", "Wiki", "--type", "third-party", "--redirect-uri", redirectUri, "--json"],
  );
  if (created.status !== 0) throw new Error(`apps create failed: ${created.stderr}`);
  return { server, app: JSON.parse(created.stdout) as M2mApp, cleanup: db.cleanup };
}
