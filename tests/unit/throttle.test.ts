import { describe, expect, it } from "vitest";
import {
  accountWait,
  addressWait,
  defaultThrottlePolicy,
  signInWait,
  type ThrottlePolicy,
} from "../../lib/auth/throttle-policy";

const policy: ThrottlePolicy = {
  ...defaultThrottlePolicy,
  accountFreeFailures: 5,
  accountBaseDelayMs: 30_000,
  addressFreeAccounts: 10,
  addressBaseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
};
const at = (ms: number) => new Date(ms);

describe("sign-in throttle policy", () => {
  it("lets an account fail a few times for free, then doubles the wait with every failure up to the cap", () => {
    const now = 1_000_000;
    const waits = [4, 5, 6, 7, 12, 40].map((failures) => accountWait(policy, { failures, lastFailedAt: at(now) }, now));
    expect(waits).toEqual([0, 30_000, 60_000, 120_000, 900_000, 900_000]);
  });

  it("counts the account's wait from its last failure and forgets old failures", () => {
    const last = 1_000_000;
    expect(accountWait(policy, { failures: 6, lastFailedAt: at(last) }, last + 45_000)).toBe(15_000);
    expect(accountWait(policy, { failures: 6, lastFailedAt: at(last) }, last + 60_000)).toBe(0);
    expect(accountWait(policy, { failures: 30, lastFailedAt: at(last) }, last + policy.accountMemoryMs)).toBe(0);
  });

  it("slows an address only after it got many distinct accounts wrong", () => {
    const now = 5_000_000;
    const wait = (distinctAccounts: number) => addressWait(policy, { distinctAccounts, lastFailedAt: at(now) }, now);
    expect(wait(9)).toBe(0);
    expect(wait(10)).toBe(2_000);
    expect(wait(12)).toBe(8_000);
    expect(wait(100)).toBe(900_000);
    expect(addressWait(policy, { distinctAccounts: 0, lastFailedAt: null }, now)).toBe(0);
  });

  it("lets an account through a slowed address it signed in from before, but never past its own backoff", () => {
    const now = 9_000_000;
    const address = { distinctAccounts: 50, lastFailedAt: at(now) };
    expect(signInWait(policy, { address, knownGood: false }, now)).toBe(900_000);
    expect(signInWait(policy, { address, knownGood: true }, now)).toBe(0);
    const account = { failures: 6, lastFailedAt: at(now) };
    expect(signInWait(policy, { account, address, knownGood: true }, now)).toBe(60_000);
  });
});
