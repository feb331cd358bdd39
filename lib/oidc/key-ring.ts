import type { JWK } from "oidc-provider";
import type { Db } from "../db/client";
import type { Kek } from "../secrets/envelope";
import { settleSigningKeys } from "./key-rotation";
import { fingerprint, nextChange, type ScheduledKey, scheduleKeys } from "./key-schedule";
import { readSigningKeyRows, signingJwks } from "./keys";

/** How often every instance looks at the signing keys: well inside any activation delay. */
export const KEY_POLL_MS = 2000;

export type KeyRing = {
  /** Looks at the keys now (after a rotation through this instance); true when they changed. */
  refresh(): Promise<boolean>;
  stop(): void;
};

/**
 * Keeps an instance's keys in step with the database, off the request path: every `pollMs`
 * (and right when a next key is due to take over) it reads the signing keys' schedule fields,
 * one small indexed query, and only when the published set or a signing key changed loads the
 * private keys and hands them to `onChange` (which builds a new provider).
 */
export function watchSigningKeys({
  db,
  kek,
  initial,
  pollMs = KEY_POLL_MS,
  onChange,
  onError,
}: {
  db: Db;
  /** Decrypts the signing keys (stored encrypted; see key-sealing.ts). */
  kek: Kek;
  /** The fingerprint of the keys the instance started with. */
  initial: string;
  pollMs?: number;
  onChange: (jwks: JWK[], keys: ScheduledKey[]) => void;
  onError: (error: unknown) => void;
}): KeyRing {
  let seen = initial;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function check(): Promise<{ changed: boolean; next?: Date }> {
    const now = new Date();
    const rows = await readSigningKeyRows(db);
    const keys = scheduleKeys(rows, now);
    const print = fingerprint(keys);
    let changed = false;
    if (print !== seen) {
      const jwks = await signingJwks(db, kek, keys);
      // A key deleted between the two reads: look again on the next tick.
      if (jwks.length === keys.length) {
        onChange(jwks, keys);
        seen = print;
        changed = true;
      }
    }
    await settleSigningKeys(db, rows, keys, now);
    return { changed, next: nextChange(keys, now) };
  }

  /** One check at a time: the timer and a refresh never interleave. */
  function serial() {
    const result = queue.then(check);
    queue = result.catch(() => {});
    return result;
  }

  async function tick() {
    let delay = pollMs;
    try {
      const { next } = await serial();
      if (next) delay = Math.max(0, Math.min(pollMs, next.getTime() - Date.now() + 5));
    } catch (error) {
      onError(error);
    }
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  timer = setTimeout(tick, pollMs);
  timer.unref();

  return {
    async refresh() {
      return (await serial()).changed;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
