import { type Adapter, type AdapterPayload, errors } from "oidc-provider";
import type { PayloadRow } from "../db/batch-insert";
import type { Db } from "../db/client";
import type { ClientStore } from "./client-store";
import type { WriteBehind } from "./write-behind";

/** Models written once and never updated, issued at high rates: their inserts are batched. */
const batchedModels = new Set(["ClientCredentials"]);

type Row = { payload: string; consumedAt?: Date | null; expiresAt: Date | null };

function decode(row: Row | null): AdapterPayload | undefined {
  if (!row) return undefined;
  // Rows past their expiry may still be waiting for the purge; they no longer exist.
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
  const payload = JSON.parse(row.payload) as AdapterPayload;
  if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
  return payload;
}

const select = { payload: true, consumedAt: true, expiresAt: true } as const;

/**
 * oidc-provider's storage contract on Prisma. One table holds every model oidc-provider
 * persists, keyed by (model, id); clients are read from the Application table instead.
 */
export function createAdapterClass(db: Db, clients: ClientStore, batch: WriteBehind) {
  return class PrismaAdapter implements Adapter {
    constructor(private readonly model: string) {}

    /** Stores (or replaces) an object for `expiresIn` seconds, indexed by its grant, uid and user code. */
    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      const data: Omit<PayloadRow, "model" | "id"> = {
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        accountId: payload.accountId ?? null,
        clientId: payload.clientId ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      if (batchedModels.has(this.model)) return batch.add({ model: this.model, id, ...data });
      await db.oidcPayload.upsert({
        where: { model_id: { model: this.model, id } },
        create: { model: this.model, id, ...data },
        update: data,
      });
    }

    /** Looks an object up by id; clients come from the Application table. */
    async find(id: string) {
      if (this.model === "Client") return clients.metadata(id);
      const waiting = batch.get(this.model, id);
      if (waiting) return decode(waiting);
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

    /** Deletes one object. */
    async destroy(id: string) {
      await batch.settled(this.model, id);
      await db.oidcPayload.deleteMany({ where: { model: this.model, id } });
    }

    /** Deletes everything issued under a grant (codes, tokens, the grant itself). */
    async revokeByGrantId(grantId: string) {
      await db.oidcPayload.deleteMany({ where: { model: this.model, grantId } });
    }
  };
}
