import { purgeEmailTokens } from "../account-email/tokens";
import { SESSION_IDLE_MS } from "../auth/sessions";
import { purgeThrottle } from "../auth/throttle";
import type { Db } from "./client";

/**
 * Deletes expired provider objects and retired signing keys on a timer, off the request path.
 * Readers already ignore expired rows (see the adapter and key-schedule.ts), so the purge only
 * reclaims space.
 */
export function startPurge(
  db: Db,
  intervalSeconds: number,
  onError: (error: unknown) => void,
  auditRetentionDays = 90,
) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      await db.oidcPayload.deleteMany({ where: { expiresAt: { lt: now } } });
      await db.tokenBatch.deleteMany({ where: { expiresAt: { lt: now } } });
      // Sessions on Latchkey's own pages end after 8 hours idle (readers check that too).
      await db.consoleSession.deleteMany({ where: { lastSeenAt: { lt: new Date(now.getTime() - SESSION_IDLE_MS) } } });
      await purgeThrottle(db, now);
      await purgeEmailTokens(db, now);
      await db.passkeyChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
      await db.pendingRegistration.deleteMany({ where: { expiresAt: { lt: now } } });
      const keepAuditSince = new Date(now.getTime() - auditRetentionDays * 24 * 60 * 60 * 1000);
      await db.auditEvent.deleteMany({ where: { at: { lt: keepAuditSince } } });
      // Back-channel logout deliveries that are done (their attempts stay in the audit log).
      await db.logoutDelivery.deleteMany({
        where: { status: { not: "pending" }, createdAt: { lt: new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000) } },
      });
      // Replaced signing keys, once everything they signed has expired (no instance publishes them).
      await db.keyMaterial.deleteMany({ where: { kind: "signing", status: "previous", retiresAt: { lt: now } } });
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, intervalSeconds * 1000);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
