import type { Db } from "../db/client";
import { isUniqueViolation } from "../errors";
import { unavailableAsOidc } from "./adapter";

/** The model oidc-provider names these rows with (the adapter stores them under the same name). */
const MODEL = "ReplayDetection";

/**
 * Records a client assertion's or DPoP proof's id, answering whether it was new: the insert
 * either creates the row or hits its unique key, so of two requests carrying the same id (on any
 * instances sharing the database) exactly one gets true. A row left past its expiry, not yet
 * purged, no longer counts: it is taken over, again by one request only.
 */
export function replayClaims(db: Db) {
  return async (id: string, expiresAt: Date): Promise<boolean> => {
    try {
      await db.oidcPayload.create({ data: { model: MODEL, id, payload: "{}", expiresAt } });
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) unavailableAsOidc(error);
    }
    const { count } = await db.oidcPayload
      .updateMany({ where: { model: MODEL, id, expiresAt: { lte: new Date() } }, data: { expiresAt } })
      .catch(unavailableAsOidc);
    return count > 0;
  };
}
