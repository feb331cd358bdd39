import { describe, expect, it } from "vitest";
import {
  fingerprint,
  nextChange,
  PREVIOUS_KEY_RETENTION_MS,
  type SigningKeyRow,
  scheduleKeys,
} from "../../lib/oidc/key-schedule";

const t0 = new Date("2026-03-01T12:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const row = (id: string, alg: string, status: string, created: number, more: Partial<SigningKeyRow> = {}) => ({
  id,
  alg,
  status,
  createdAt: at(created),
  activatesAt: null,
  retiresAt: null,
  ...more,
});

const bootstrap = [row("rsa-1", "RS256", "current", 0), row("ec-1", "ES256", "current", 0)];
// A rotation at t0 + 100 s with a 300 s activation delay.
const rotated = [...bootstrap, row("rsa-2", "RS256", "next", 100, { activatesAt: at(400) })];
const summary = (rows: SigningKeyRow[], now: Date) => scheduleKeys(rows, now).map((k) => `${k.id}:${k.status}`);

describe("the signing key schedule", () => {
  it("signs with the first keys and publishes them", () => {
    expect(summary(bootstrap, at(10))).toEqual(["ec-1:current", "rsa-1:current"]);
  });

  it("signs with the first keys even on an instance whose clock is behind their creation", () => {
    expect(summary(bootstrap, at(-5))).toEqual(["ec-1:current", "rsa-1:current"]);
  });

  it("publishes a next key at once but keeps signing with the current one until it activates", () => {
    const keys = scheduleKeys(rotated, at(399));
    expect(keys.map((k) => `${k.id}:${k.status}`)).toEqual(["ec-1:current", "rsa-1:current", "rsa-2:next"]);
    // oidc-provider signs with the first key of an algorithm: the current one.
    expect(keys.find((k) => k.alg === "RS256")?.id).toBe("rsa-1");
    expect(nextChange(keys, at(399))).toEqual(at(400));
  });

  it("switches at the activation time and keeps the old key published for the retention period", () => {
    const keys = scheduleKeys(rotated, at(400));
    expect(keys.map((k) => `${k.id}:${k.status}`)).toEqual(["ec-1:current", "rsa-2:current", "rsa-1:previous"]);
    const retiresAt = new Date(at(400).getTime() + PREVIOUS_KEY_RETENTION_MS);
    expect(keys.find((k) => k.id === "rsa-1")?.retiresAt).toEqual(retiresAt);
    expect(nextChange(keys, at(400))).toEqual(retiresAt);
    expect(fingerprint(keys)).not.toBe(fingerprint(scheduleKeys(rotated, at(399))));
  });

  it("drops the old key once it retires", () => {
    const later = new Date(at(400).getTime() + PREVIOUS_KEY_RETENTION_MS);
    expect(summary(rotated, later)).toEqual(["ec-1:current", "rsa-2:current"]);
  });

  it("gives the same answer whether or not the stored statuses were settled", () => {
    const settled = [
      row("rsa-1", "RS256", "previous", 0, { retiresAt: new Date(at(400).getTime() + PREVIOUS_KEY_RETENTION_MS) }),
      row("ec-1", "ES256", "current", 0),
      row("rsa-2", "RS256", "current", 100, { activatesAt: at(400) }),
    ];
    for (const now of [at(400), at(5000)]) expect(summary(settled, now)).toEqual(summary(rotated, now));
  });

  it("rotates each algorithm on its own", () => {
    const both = [...rotated, row("ec-2", "ES256", "next", 200, { activatesAt: at(500) })];
    expect(summary(both, at(450))).toEqual(["ec-1:current", "rsa-2:current", "rsa-1:previous", "ec-2:next"]);
    expect(summary(both, at(500))).toEqual(["ec-2:current", "rsa-2:current", "ec-1:previous", "rsa-1:previous"]);
  });

  it("never puts a key that is not yet active ahead of a published one", () => {
    const odd = [row("rsa-1", "RS256", "previous", 0, { retiresAt: at(1000) }), ...rotated.slice(2)];
    const keys = scheduleKeys(odd, at(200));
    expect(keys.map((k) => `${k.id}:${k.status}`)).toEqual(["rsa-1:previous", "rsa-2:next"]);
  });
});
