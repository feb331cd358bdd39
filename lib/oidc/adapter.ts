import { type Adapter, type AdapterPayload, errors } from "oidc-provider";
import { isDatabaseUnavailable } from "../db/availability";
import type { Db } from "../db/client";
import type { ClientStore } from "./client-store";
import { pacePoll } from "./device-polling";
import { currentRoute } from "./internals";
import { decodePayload, type KeyedRow, type PayloadStore } from "./payload-store";
import { HASHED_MODELS, knownKey, knownKeyJti, storedId, withoutJti, writeKey } from "./stored-id";
import { BATCH_ID_LENGTH, type TokenBatches } from "./token-batches";

/** client_credentials tokens are stored in batches (see token-batches.ts); revocations here. */
const BATCHED = "ClientCredentials";
const REVOKED = "RevokedClientCredentials";
/**
 * A grant revoked because a used code or refresh token was presented again. Kept a day: long
 * enough for any redemption that was racing the reuse to write its tokens and find this.
 */
const REVOKED_GRANT = "RevokedGrant";
const REVOKED_GRANT_SECONDS = 24 * 3600;

/**
 * The database is unreachable: oidc-provider answers with temporarily_unavailable and 503 in
 * its own error format (JSON, the error page, or a redirect to the app), not server_error.
 */
export function temporarilyUnavailable(cause?: unknown): Error {
  const error = new errors.TemporarilyUnavailable("the service is temporarily unavailable; try again shortly");
  return Object.assign(error, { status: 503, statusCode: 503, expose: true, cause });
}

/**
 * Turns database outages into temporarily_unavailable; anything else stays as it is. The outage
 * stays its cause, so a sign-in handler that meets it (outside oidc-provider) answers 503 too.
 */
export function unavailableAsOidc(error: unknown): never {
  throw isDatabaseUnavailable(error) ? temporarilyUnavailable(error) : error;
}

/**
 * An interaction of a signed-in user names the session's cookie value (`session.cookie`), which
 * oidc-provider 9 writes but never reads back (lib/models/interaction.js): not stored.
 */
function withoutSessionCookie(payload: AdapterPayload): AdapterPayload {
  const session = payload.session as Record<string, unknown> | undefined;
  if (!session || !("cookie" in session)) return payload;
  const { cookie: _cookie, ...rest } = session;
  return { ...payload, session: rest } as AdapterPayload;
}

/**
 * oidc-provider's storage contract. One table holds every model oidc-provider persists, keyed by
 * (model, id), written and read with prepared statements (payload-store.ts: a sign-in makes
 * dozens of these), like client_credentials tokens from their batches; clients are read from
 * the Application table. Ids that are credentials (tokens, codes, session ids) are stored only
 * as their hash (stored-id.ts), so a copy of the database holds none that works. Every write
 * has committed when its promise resolves (oidc-provider answers only after that), so every
 * instance sees what was issued.
 */
export function createAdapterClass(db: Db, store: PayloadStore, clients: ClientStore, batches: TokenBatches) {
  async function findBatched(id: string): Promise<AdapterPayload | undefined> {
    // Read on every call an app makes with its token (introspection, the management API): two
    // prepared statements, not Prisma queries.
    const key = storedId(id);
    if (await store.exists(REVOKED, key)) return undefined;
    for (const tokens of await store.batchTokens(id.slice(0, BATCH_ID_LENGTH))) {
      const token = (JSON.parse(tokens) as Record<string, AdapterPayload>)[key];
      if (token && (!token.exp || token.exp * 1000 > Date.now())) return Object.assign(token, { jti: id });
    }
    return undefined;
  }

  /**
   * Revokes everything issued under a grant, for good: the mark is written first and the rows
   * deleted after, and every write under a grant checks for the mark after it commits, so a
   * token written concurrently is either deleted here or removed by its own writer.
   */
  async function revokeGrantForReuse(grantId: string) {
    // Several losers of one race revoke at once: the mark being there already is the point.
    await store.mark(REVOKED_GRANT, grantId, new Date(Date.now() + REVOKED_GRANT_SECONDS * 1000));
    await store.destroyGrant(grantId, REVOKED_GRANT);
  }

  return class PrismaAdapter implements Adapter {
    /** Whether this model's ids are credentials, stored as their hash (stored-id.ts). */
    private readonly hashed: boolean;

    constructor(private readonly model: string) {
      this.hashed = HASHED_MODELS.has(model);
    }

    /** The row key for an id presented to find or consume. */
    private key(id: string) {
      return this.hashed ? storedId(id) : id;
    }

    /**
     * As `key`, except for a device code on the device flow's resume route: oidc-provider looks
     * it up there by the id its Interaction row holds (the known key the device code carried
     * when the user's confirmation saved it), never by a value a client sent.
     */
    private findKey(id: string) {
      const known = this.model === "DeviceCode" && currentRoute() === "device_resume" ? knownKey(id) : undefined;
      return known ?? this.key(id);
    }

    /** A stored payload as oidc-provider saved it: `jti` back in, as the id it was found by. */
    private restore(payload: AdapterPayload | undefined, jti: string) {
      if (payload && this.hashed) payload.jti = jti;
      return payload;
    }

    /**
     * Stores (or replaces) an object for `expiresIn` seconds, indexed by its grant, uid and user
     * code; resolves once committed. A write under a grant revoked for reuse is undone.
     */
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      if (this.model === BATCHED && expiresIn)
        return batches.add(id, withoutJti(payload), Date.now() + expiresIn * 1000).catch(unavailableAsOidc);
      if (this.hashed) return this.store(writeKey(id), withoutJti(payload), expiresIn).catch(unavailableAsOidc);
      if (this.model === "Interaction")
        return this.store(id, withoutSessionCookie(payload), expiresIn).catch(unavailableAsOidc);
      return this.store(id, payload, expiresIn).catch(unavailableAsOidc);
    }

    private async store(id: string, payload: AdapterPayload, expiresIn?: number) {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      await store.upsert(this.model, id, payload, expiresAt);
      // Undone, not refused: the redemption that won a race still answers as it would have had
      // the reuse come a moment later, and what it issued is dead either way. Checked after the
      // write has committed, never in the same statement (see revokeGrantForReuse).
      const grantId = this.model === "Grant" ? id : payload.grantId;
      if (grantId && (await store.exists(REVOKED_GRANT, grantId))) await store.destroy(this.model, id);
    }

    /** Looks an object up by id; clients come from the Application table. */
    find(id: string) {
      if (this.model === "Client") return clients.metadata(id).catch(unavailableAsOidc);
      if (this.model === BATCHED) return findBatched(id).catch(unavailableAsOidc);
      if (this.model === "DeviceCode" && currentRoute() === "token") return this.findPolled(id);
      return store
        .find(this.model, this.findKey(id))
        .then((row) => this.restore(decodePayload(row), id), unavailableAsOidc);
    }

    /** A device polling the token endpoint: held to its interval (device-polling.ts). */
    private async findPolled(id: string) {
      const key = this.key(id);
      const row = await store.find(this.model, key).catch(unavailableAsOidc);
      const payload = decodePayload(row);
      if (row && payload) await pacePoll(db, key, row.payload).catch(unavailableAsOidc);
      return this.restore(payload, id);
    }

    /**
     * Looks a device-flow object up by the code the user typed. Its id is not stored, so it
     * carries its row's key instead (see knownKeyJti): saved again, it lands on the same row.
     */
    findByUserCode(userCode: string) {
      return store.findByUserCode(this.model, userCode).then((row) => this.restoreKnown(row), unavailableAsOidc);
    }

    /** Looks a session up by its uid (its id, the cookie's value, is not stored: as above). */
    findByUid(uid: string) {
      return store.findByUid(this.model, uid).then((row) => this.restoreKnown(row), unavailableAsOidc);
    }

    private restoreKnown(row: KeyedRow | undefined) {
      return this.restore(decodePayload(row), row ? knownKeyJti(row.id) : "");
    }

    /**
     * Marks a code or refresh token as used. The update only matches an unused row, so when
     * two requests redeem the same value at once exactly one wins. The loser has just seen a
     * used value presented again (RFC 9700 §4.14): it revokes the grant, including whatever the
     * winner issues from it, and gets invalid_grant.
     */
    async consume(id: string) {
      try {
        const key = this.key(id);
        if (await store.consume(this.model, key)) return;
        const grantId = await store.grantIdOf(this.model, key);
        if (grantId) await revokeGrantForReuse(grantId);
      } catch (error) {
        unavailableAsOidc(error);
      }
      throw new errors.InvalidGrant(`${this.model} already consumed`);
    }

    /**
     * Deletes one object. A batched token cannot be cut out of its batch's row, so its id is
     * recorded as revoked until the token would have expired anyway.
     */
    async destroy(id: string) {
      try {
        if (this.model === BATCHED) {
          const token = await findBatched(id);
          if (!token) return;
          const expiresAt = token.exp ? new Date(token.exp * 1000) : new Date(Date.now() + 24 * 3600_000);
          await store.mark(REVOKED, storedId(id), expiresAt);
          return;
        }
        await store.destroy(this.model, this.hashed ? writeKey(id) : id);
      } catch (error) {
        unavailableAsOidc(error);
      }
    }

    /**
     * Deletes everything of this model issued under a grant. On the token endpoint oidc-provider
     * revokes only when a used code or refresh token came back, and a redemption racing it may
     * still be writing: that revocation is made for good (once, on the first model it asks for).
     */
    async revokeByGrantId(grantId: string) {
      if (this.model === "AccessToken" && currentRoute() === "token")
        return revokeGrantForReuse(grantId).catch(unavailableAsOidc);
      await store.destroyByGrantId(this.model, grantId).catch(unavailableAsOidc);
    }
  };
}
