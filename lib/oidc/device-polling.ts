import { errors } from "oidc-provider";
import type { Db } from "../db/client";

/** Seconds a device waits between polls (RFC 8628 §3.2 `interval`; its default, said out loud). */
export const POLL_INTERVAL_SECONDS = 5;
/** RFC 8628 §3.5: after slow_down the device adds 5 seconds to its interval, for good. */
const SLOW_DOWN_STEP_SECONDS = 5;
/** Requests are timed on arrival here, after a database read: a poll on time may look this much early. */
const TOLERANCE_MS = 500;
/** Kept in the stored DeviceCode row only; oidc-provider drops keys it does not know when it loads one. */
const PACE = "latchkeyPollPace";

type Pace = { at: number; interval: number };
type Stored = { accountId?: string; error?: string; [PACE]?: Pace };

/**
 * Holds a device to its polling interval on the token endpoint (RFC 8628 §3.5), which
 * oidc-provider 9 does not: while the user has not answered yet, a poll sooner than the interval
 * after the previous one gets `slow_down`, and the interval grows by five seconds. The time of
 * each poll is written with a compare-and-set on the stored row, so two polls racing on two
 * instances cannot both pass. Once the user has answered, the poll goes through at once.
 */
export async function pacePoll(db: Db, id: string, storedPayload: string, now = Date.now()): Promise<void> {
  const payload = JSON.parse(storedPayload) as Stored;
  if (payload.accountId || payload.error) return;
  const pace = payload[PACE] ?? { at: 0, interval: POLL_INTERVAL_SECONDS };
  const early = now - pace.at < pace.interval * 1000 - TOLERANCE_MS;
  const next: Pace = { at: now, interval: early ? pace.interval + SLOW_DOWN_STEP_SECONDS : pace.interval };
  const { count } = await db.oidcPayload.updateMany({
    where: { model: "DeviceCode", id, payload: storedPayload },
    data: { payload: JSON.stringify({ ...payload, [PACE]: next }) },
  });
  // count 0: another poll (or the user's answer) changed the row since it was read. The answer
  // is not lost: the next poll, on time, finds it.
  if (early || count === 0) throw new errors.SlowDown();
}
