import { afterEach, describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError } from "../../lib/db/availability";
import type { BatchWriter, TokenBatchRow } from "../../lib/db/token-batch";
import { storedId } from "../../lib/oidc/stored-id";
import { BATCH_ID_LENGTH, TokenBatches } from "../../lib/oidc/token-batches";

const timeouts = { connectMs: 60_000, statementMs: 60_000 };

type Pending = { rows: TokenBatchRow[]; commit(): void; fail(error: Error): void };

/** Group commit on a writer whose writes stay in flight until the test commits or fails them. */
function heldWrites(depth: number, onError: (error: unknown) => void = () => {}) {
  const pending: Pending[] = [];
  const writer: BatchWriter = {
    depth,
    write: (rows) =>
      new Promise<void>((resolve, reject) => {
        pending.push({ rows, commit: resolve, fail: reject });
      }),
    close: async () => {},
  };
  return { batches: new TokenBatches(writer, timeouts, onError), pending };
}

/** Lets the writer's end-of-turn write (setImmediate) and the settled promises run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

function issue(batches: TokenBatches, n: number) {
  const states: string[] = [];
  const ids = Array.from({ length: n }, (_, i) => batches.tokenId(`random-${Math.random()}-${i}`));
  const settled = ids.map((id, i) =>
    batches.add(id, { kind: "ClientCredentials" }, Date.now() + 60_000).then(
      () => {
        states[i] = "stored";
      },
      (error: Error) => {
        states[i] = error instanceof DatabaseUnavailableError ? "unavailable" : error.message;
      },
    ),
  );
  return { ids, states, settled };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("group commit of client_credentials tokens", () => {
  it("answers a token only once the write holding it commits, with up to `depth` writes in flight", async () => {
    const { batches, pending } = heldWrites(2);

    const first = issue(batches, 3);
    await turn();
    const second = issue(batches, 2);
    await turn();
    const third = issue(batches, 4);
    await turn();
    // Two writes in flight (the writer's depth); the third group waits its turn.
    expect(pending.map((write) => write.rows.length)).toEqual([1, 1]);
    // Each token under the hash of its value: the row holds no working token.
    expect(Object.keys(JSON.parse(pending[0].rows[0].tokens))).toEqual(first.ids.map(storedId));
    expect(pending[0].rows[0].tokens).not.toContain(first.ids[0].slice(BATCH_ID_LENGTH));
    expect(pending[1].rows[0].batchId).toBe(second.ids[0].slice(0, BATCH_ID_LENGTH));
    expect([...first.states, ...second.states, ...third.states].filter(Boolean)).toEqual([]);

    // The second commits first: only its tokens are answered, and the third group goes out.
    pending[1].commit();
    await turn();
    expect(second.states).toEqual(["stored", "stored"]);
    expect(first.states.filter(Boolean)).toEqual([]);
    expect(pending).toHaveLength(3);
    expect(Object.keys(JSON.parse(pending[2].rows[0].tokens))).toEqual(third.ids.map(storedId));

    pending[0].commit();
    pending[2].commit();
    await Promise.all([...first.settled, ...third.settled]);
    expect([...first.states, ...third.states]).toEqual(Array(7).fill("stored"));
  });

  it("fails only the tokens of a failed write, with temporarily unavailable, and keeps writing", async () => {
    const errors: unknown[] = [];
    const { batches, pending } = heldWrites(4, (error) => errors.push(error));

    const lost = issue(batches, 2);
    await turn();
    const kept = issue(batches, 1);
    await turn();
    pending[0].fail(new Error("connection reset"));
    pending[1].commit();
    await Promise.all([...lost.settled, ...kept.settled]);
    expect(lost.states).toEqual(["unavailable", "unavailable"]);
    expect(kept.states).toEqual(["stored"]);
    expect(errors).toHaveLength(1);

    const later = issue(batches, 1);
    await turn();
    pending[2].commit();
    await Promise.all(later.settled);
    expect(later.states).toEqual(["stored"]);
  });

  it("drains every write in flight and every queued token before it closes", async () => {
    const { batches, pending } = heldWrites(1);
    const first = issue(batches, 1);
    await turn();
    const queued = issue(batches, 2);
    let closed = false;
    const closing = batches.close().then(() => {
      closed = true;
    });
    pending[0].commit();
    await turn();
    await turn();
    expect(closed).toBe(false);
    expect(pending).toHaveLength(2);
    pending[1].commit();
    await closing;
    expect([...first.states, ...queued.states]).toEqual(["stored", "stored", "stored"]);
    // Closed: a new token is refused rather than left unstored.
    await expect(batches.add(batches.tokenId("late"), {}, Date.now() + 1000)).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );
  });
  it("gives later groups prefixes and row ids that sort after earlier ones (the end of their indexes)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { batches, pending } = heldWrites(1);
    const groups = [];
    for (const at of ["2026-12-01T10:00:00.000Z", "2026-12-01T10:00:00.001Z", "2031-01-01T00:00:00Z"]) {
      vi.setSystemTime(new Date(at));
      groups.push(issue(batches, 2));
      await turn();
      pending.at(-1)?.commit();
      await turn();
    }
    const prefixes = groups.map((group) => group.ids[0].slice(0, BATCH_ID_LENGTH));
    const rowIds = pending.map((write) => write.rows[0].id);
    for (const ids of [prefixes, rowIds]) {
      expect(new Set(ids).size).toBe(3);
      expect([...ids].sort()).toEqual(ids);
    }
    expect(pending.map((write) => write.rows[0].batchId)).toEqual(prefixes);
    // Still the alphabet of every other id (lowercase letters and digits), 12 and 21 long.
    expect(prefixes.join("")).toMatch(/^[a-z0-9]{36}$/);
    expect(rowIds.join("")).toMatch(/^[a-z0-9]{63}$/);
  });
});
