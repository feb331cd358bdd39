/**
 * Slows password guessing: after `perPair` failures for one email from one address, or `perAddress`
 * failures from one address, sign-in from there is refused until the window has passed. Keying by
 * the pair (not the email alone) keeps an attacker from locking a user out from everywhere.
 * Kept in memory per instance: each instance of a cluster counts on its own.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perPair = 5,
    private readonly perAddress = 50,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  /** Milliseconds until this address may try this email again; 0 when it may now. */
  retryAfter(address: string, email: string, now = Date.now()): number {
    const wait = (times: number[], limit: number) =>
      times.length >= limit ? times[times.length - limit] + this.windowMs - now : 0;
    return Math.max(
      wait(this.recent(`pair:${address}:${email}`, now), this.perPair),
      wait(this.recent(`addr:${address}`, now), this.perAddress),
    );
  }

  fail(address: string, email: string, now = Date.now()) {
    if (this.failures.size > 100_000) this.failures.clear();
    for (const key of [`pair:${address}:${email}`, `addr:${address}`]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  succeed(address: string, email: string) {
    this.failures.delete(`pair:${address}:${email}`);
  }
}
