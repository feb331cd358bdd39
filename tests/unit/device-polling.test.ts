import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { pacePoll } from "@/lib/oidc/device-polling";

/** A stored DeviceCode row and the conditional update pacePoll makes on it. */
function storedCode(payload: Record<string, unknown>) {
  const row = { payload: JSON.stringify(payload) };
  const db = {
    oidcPayload: {
      async updateMany({ where, data }: { where: { payload: string }; data: { payload: string } }) {
        if (where.payload !== row.payload) return { count: 0 };
        row.payload = data.payload;
        return { count: 1 };
      },
    },
  } as unknown as Db;
  const poll = (at: number) =>
    pacePoll(db, "code", row.payload, at).then(
      () => "answered",
      (error: { error?: string }) => error.error,
    );
  return { row, db, poll };
}

describe("device polling pace (RFC 8628 §3.5)", () => {
  it("answers slow_down to a poll sooner than the interval, and adds five seconds to it", async () => {
    const { poll } = storedCode({ userCode: "BCDFGHJK" });
    expect(await poll(1_000_000)).toBe("answered");
    expect(await poll(1_001_000)).toBe("slow_down");
    // The interval is now 10 s: 6 s later is still too soon (and grows it to 15 s)...
    expect(await poll(1_007_000)).toBe("slow_down");
    // ...15 s after that is on time.
    expect(await poll(1_022_000)).toBe("answered");
  });

  it("lets a poll through at once when the user has answered", async () => {
    const { poll } = storedCode({ userCode: "BCDFGHJK", accountId: "user-1" });
    expect(await poll(1_000_000)).toBe("answered");
    expect(await poll(1_000_100)).toBe("answered");
  });

  it("slows down the second of two polls that read the same row at once", async () => {
    const { row, db } = storedCode({ userCode: "BCDFGHJK" });
    const seen = row.payload;
    await pacePoll(db, "code", seen, 1_000_000);
    await expect(pacePoll(db, "code", seen, 1_010_000)).rejects.toMatchObject({ error: "slow_down" });
  });
});
