import { describe, expect, it } from "vitest";
import { LoginThrottle } from "../../lib/auth/throttle";

describe("LoginThrottle", () => {
  it("blocks an address and email after five failures, until the window passes", () => {
    const throttle = new LoginThrottle(5, 50, 60_000);
    for (let i = 0; i < 5; i++) {
      expect(throttle.retryAfter("1.2.3.4", "a@example.com", 1000 + i)).toBe(0);
      throttle.fail("1.2.3.4", "a@example.com", 1000 + i);
    }
    expect(throttle.retryAfter("1.2.3.4", "a@example.com", 2000)).toBe(59_000);
    // Another address can still sign in as that user; the same address as another user too.
    expect(throttle.retryAfter("5.6.7.8", "a@example.com", 2000)).toBe(0);
    expect(throttle.retryAfter("1.2.3.4", "b@example.com", 2000)).toBe(0);
    expect(throttle.retryAfter("1.2.3.4", "a@example.com", 61_001)).toBe(0);
  });

  it("blocks an address that tries many emails", () => {
    const throttle = new LoginThrottle(5, 3, 60_000);
    for (const email of ["a", "b", "c"]) throttle.fail("9.9.9.9", email, 0);
    expect(throttle.retryAfter("9.9.9.9", "d", 10)).toBeGreaterThan(0);
  });

  it("forgets the failures of a pair after a success", () => {
    const throttle = new LoginThrottle(2, 50, 60_000);
    throttle.fail("1.1.1.1", "a", 0);
    throttle.succeed("1.1.1.1", "a");
    throttle.fail("1.1.1.1", "a", 1);
    expect(throttle.retryAfter("1.1.1.1", "a", 2)).toBe(0);
  });
});
