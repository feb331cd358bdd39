import { type Adapter, type AdapterPayload, errors } from "oidc-provider";
import type { Db } from "../db/client";
import type { ClientStore } from "./client-store";
import { BATCH_ID_LENGTH, type TokenBatches } from "./token-batches";

type Row = { payload: string; consumedAt: Date | null; expiresAt: Date | null };

function decode(row: Row | null): AdapterPayload | undefined {
  if (!row) return undefined;
  // Rows past their expiry may still be waiting for the purge; they no longer exist.
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
  const payload = JSON.parse(row.payload) as AdapterPayload;
  if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
  return payload;
}

const select = { payload: true, consumedAt: true, expiresAt: true } as const;

/** client_credentials tokens are stored in batches (see token-batches.ts); revocations here. */
const BATCHED = "ClientCredentials";
const REVOKED = "RevokedClientCredentials";

/**
 * oidc-provider's storage contract on Prisma. One table holds every model oidc-provider
 * persists, keyed by (model, id); clients are read from the Application table, and
 * client_credentials tokens from their batches.
 */
export function createAdapterClass(db: Db, clients: ClientStore, batches: TokenBatches) {
  async function findBatched(id: string): Promise<AdapterPayload | undefined> {
    const revoked = await db.oidcPayload.findUnique({
      where: { model_id: { model: REVOKED, id } },
      select: { id: true },
    });
    if (revoked) return undefined;
    const waiting = batches.get(id);
    if (waiting) return waiting;
    const rows = await db.tokenBatch.findMany({
      where: { batchId: id.slice(0, BATCH_ID_LENGTH) },
      select: { tokens: true },
    });
    for (const row of rows) {
      const token = (JSON.parse(row.tokens) as Record<string, AdapterPayload>)[id];
      if (token && (!token.exp || token.exp * 1000 > Date.now())) return token;
    }
    return undefined;
  }

  return class PrismaAdapter implements Adapter {
    constructor(private readonly model: string) {}

    /** Stores (or replaces) an object for `expiresIn` seconds, indexed by its grant, uid and user code. */
    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      if (this.model === BATCHED && expiresIn) return batches.add(id, payload, Date.now() + expiresIn * 1000);
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      const data = {
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        accountId: payload.accountId ?? null,
        clientId: payload.clientId ?? null,
        expiresAt,
      };
      await db.oidcPayload.upsert({
        where: { model_id: { model: this.model, id } },
        create: { model: this.model, id, ...data },
        update: data,
      });
    }

    /** Looks an object up by id; clients come from the Application table. */
    async find(id: string) {
      if (this.model === "Client") return clients.metadata(id);
      if (this.model === BATCHED) return findBatched(id);
      const row = await db.oidcPayload.findUnique({ where: { model_id: { model: this.model, id } }, select });
      return decode(row);
    }

    /** Looks a device-flow object up by the code the user typed. */
    async findByUserCode(userCode: string) {
      return decode(await db.oidcPayload.findFirst({ where: { model: this.model, userCode }, select }));
    }

    /** Looks a session up by its uid. */
    async findByUid(uid: string) {
      return decode(await db.oidcPayload.findFirst({ where: { model: this.model, uid }, select }));
    }

    /**
     * Marks a code or refresh token as used. The update only matches an unused row, so when
     * two requests redeem the same value at once exactly one wins; the other gets invalid_grant.
     */
    async consume(id: string) {
      const { count } = await db.oidcPayload.updateMany({
        where: { model: this.model, id, consumedAt: null },
        data: { consumedAt: new Date() },
      });
      if (count === 0) throw new errors.InvalidGrant(`${this.model} already consumed`);
    }

    /**
     * Deletes one object. A batched token cannot be cut out of its batch's row, so its id is
     * recorded as revoked until the token would have expired anyway.
     */
    async destroy(id: string) {
      if (this.model === BATCHED) {
        const token = await findBatched(id);
        if (!token) return;
        await batches.settled(id);
        const expiresAt = token.exp ? new Date(token.exp * 1000) : new Date(Date.now() + 24 * 3600_000);
        await db.oidcPayload.upsert({
          where: { model_id: { model: REVOKED, id } },
          create: { model: REVOKED, id, payload: "{}", expiresAt },
          update: {},
        });
        return;
      }
      await db.oidcPayload.deleteMany({ where: { model: this.model, id } });
    }

    /** Deletes everything issued under a grant (codes, tokens, the grant itself). */
    async revokeByGrantId(grantId: string) {
      await db.oidcPayload.deleteMany({ where: { model: this.model, grantId } });
    }
  };
}
