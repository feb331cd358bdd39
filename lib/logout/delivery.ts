import type Provider from "oidc-provider";
import { systemActor } from "../audit/events";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import type { Logger } from "../server/log";
import { signLogoutToken } from "./token";

export type DeliveryOptions = {
  db: Db;
  /** The provider serving now (a key rotation replaces it): tokens are signed with its keys. */
  provider: () => Provider;
  log: Logger;
  /** The first retry waits this long, each further one twice as long (at most an hour). */
  retryBaseMs: number;
  /** After this many failed attempts a delivery is given up. */
  maxAttempts: number;
  /** How long one POST may take. */
  timeoutMs: number;
  /** How often the queue is read (other instances and the CLI queue deliveries too). */
  pollMs?: number;
};

type Row = Awaited<ReturnType<Db["logoutDelivery"]["findMany"]>>[number];
type Outcome = { delivered: true; status: number } | { delivered: false; error: string };

const BATCH = 20;
const MAX_DELAY_MS = 60 * 60 * 1000;

/** The wait before attempt `attempt + 1`, after `attempt` failed ones. */
export function retryDelay(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_DELAY_MS);
}

/** Why a POST failed, in a line fit for the audit log (no token, no response body). */
function failureOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if ((error as Error).name === "TimeoutError") return "timed out";
  return cause?.code ?? (error as Error).message ?? String(error);
}

/**
 * Posts queued logout tokens (lib/logout/queue.ts) to the apps' back-channel logout URIs, off the
 * request path. Due rows are claimed with a conditional update (moving `nextAttemptAt` past the
 * attempt's timeout), so of several instances exactly one sends each attempt, and a row whose
 * sender died mid-attempt is due again once that time has passed. Rows survive restarts: what is
 * pending when a server starts is sent. Each attempt is in the audit log.
 */
export function startLogoutDelivery(options: DeliveryOptions) {
  const { db, log, timeoutMs } = options;
  let current: Promise<void> | undefined;
  let stopped = false;

  async function claim(row: Row): Promise<boolean> {
    const { count } = await db.logoutDelivery.updateMany({
      where: { id: row.id, status: "pending", nextAttemptAt: row.nextAttemptAt },
      data: { nextAttemptAt: new Date(Date.now() + 2 * timeoutMs + 5000), attempts: { increment: 1 } },
    });
    return count === 1;
  }

  async function post(uri: string, token: string): Promise<Outcome> {
    try {
      const response = await fetch(uri, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ logout_token: token }),
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.status === 200 || response.status === 204) return { delivered: true, status: response.status };
      return { delivered: false, error: `HTTP ${response.status}` };
    } catch (error) {
      return { delivered: false, error: failureOf(error) };
    }
  }

  async function attempt(row: Row) {
    if (!(await claim(row))) return;
    const attempt = row.attempts + 1;
    const app = await db.application.findUnique({
      where: { clientId: row.clientId },
      select: { id: true, backchannelLogoutUri: true },
    });
    const token = app?.backchannelLogoutUri ? await signLogoutToken(options.provider(), row) : undefined;
    const outcome: Outcome =
      app?.backchannelLogoutUri && token
        ? await post(app.backchannelLogoutUri, token)
        : { delivered: false, error: "the app no longer has a back-channel logout URI" };
    const gaveUp = !outcome.delivered && (attempt >= options.maxAttempts || !token);
    const retryAt = new Date(Date.now() + retryDelay(attempt, options.retryBaseMs));
    await db.$transaction(async (tx) => {
      await tx.logoutDelivery.update({
        where: { id: row.id },
        data: outcome.delivered
          ? { status: "delivered", deliveredAt: new Date(), lastError: null }
          : { status: gaveUp ? "failed" : "pending", lastError: outcome.error, nextAttemptAt: retryAt },
      });
      await recordAudit(tx, {
        type: outcome.delivered ? "logout.delivered" : "logout.failed",
        actor: systemActor,
        applicationId: app?.id,
        userId: row.subject,
        after: {
          clientId: row.clientId,
          reason: row.reason,
          attempt,
          ...(outcome.delivered
            ? { status: outcome.status }
            : { error: outcome.error, ...(gaveUp ? { gaveUp: true } : { retryAt: retryAt.toISOString() }) }),
        },
      });
    });
  }

  async function drainQueue() {
    for (;;) {
      const due = await db.logoutDelivery.findMany({
        where: { status: "pending", nextAttemptAt: { lte: new Date() } },
        orderBy: { nextAttemptAt: "asc" },
        take: BATCH,
      });
      const results = await Promise.allSettled(due.map(attempt));
      for (const result of results)
        if (result.status === "rejected") log.error("logout delivery failed", { error: result.reason });
      if (due.length < BATCH || stopped) return;
    }
  }

  /** Sends what is due now (also called after this process queues something, to send it at once). */
  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    current ??= drainQueue()
      .catch((error) => log.error("logout delivery check failed", { error }))
      .finally(() => {
        current = undefined;
      });
    return current;
  }

  const timer = setInterval(run, options.pollMs ?? 1000);
  timer.unref();
  void run();
  return {
    run,
    /** Stops reading the queue and waits for the attempts under way (each bounded by its timeout). */
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
