/**
 * How long a sign-in must wait, as pure arithmetic (lib/auth/throttle.ts keeps the counters).
 *
 * - Per account, whatever the address: the first `accountFreeFailures` failures cost nothing;
 *   from then on each try waits `accountBaseDelayMs`, doubling with every further failure, up to
 *   `maxDelayMs`. A guesser with many addresses gets a handful of tries an hour.
 * - Per address: the number of distinct accounts it got wrong within `addressWindowMs`. Past
 *   `addressFreeAccounts`, each try waits `addressBaseDelayMs`, doubling with every further
 *   account. This slows a source that sprays passwords across accounts, but never blocks an
 *   account that signed in from that address before (it is known-good there), so many users
 *   behind one proxy are not locked out by one of them.
 */
export type ThrottlePolicy = {
  accountFreeFailures: number;
  accountBaseDelayMs: number;
  /** Failures of an account are forgotten this long after the last one. */
  accountMemoryMs: number;
  addressFreeAccounts: number;
  addressBaseDelayMs: number;
  addressWindowMs: number;
  maxDelayMs: number;
  /** How long a successful sign-in makes its address known-good for the account. */
  knownGoodMs: number;
};

const MINUTE = 60_000;

export const defaultThrottlePolicy: ThrottlePolicy = {
  accountFreeFailures: 5,
  accountBaseDelayMs: 30_000,
  accountMemoryMs: 24 * 60 * MINUTE,
  addressFreeAccounts: 10,
  addressBaseDelayMs: 2_000,
  addressWindowMs: 15 * MINUTE,
  maxDelayMs: 15 * MINUTE,
  knownGoodMs: 30 * 24 * 60 * MINUTE,
};

function backoff(count: number, free: number, base: number, max: number): number {
  if (count < free) return 0;
  // 2 ** 30 already exceeds any cap; keeps the number finite for huge counts.
  return Math.min(max, base * 2 ** Math.min(count - free, 30));
}

export type AccountState = { failures: number; lastFailedAt: Date };
export type AddressState = { distinctAccounts: number; lastFailedAt: Date | null };

/** Milliseconds this account must still wait; 0 when it may try now. */
export function accountWait(policy: ThrottlePolicy, state: AccountState | undefined, now: number): number {
  if (!state || now - state.lastFailedAt.getTime() >= policy.accountMemoryMs) return 0;
  const delay = backoff(state.failures, policy.accountFreeFailures, policy.accountBaseDelayMs, policy.maxDelayMs);
  return Math.max(0, state.lastFailedAt.getTime() + delay - now);
}

/** Milliseconds this address must still wait for an account it is not known-good for. */
export function addressWait(policy: ThrottlePolicy, state: AddressState, now: number): number {
  if (!state.lastFailedAt) return 0;
  const delay = backoff(
    state.distinctAccounts,
    policy.addressFreeAccounts,
    policy.addressBaseDelayMs,
    policy.maxDelayMs,
  );
  return Math.max(0, state.lastFailedAt.getTime() + delay - now);
}

/** The wait for one try: the account's always; the address's unless it is known-good for the account. */
export function signInWait(
  policy: ThrottlePolicy,
  state: { account?: AccountState; address: AddressState; knownGood: boolean },
  now: number,
): number {
  const address = state.knownGood ? 0 : addressWait(policy, state.address, now);
  return Math.max(accountWait(policy, state.account, now), address);
}
