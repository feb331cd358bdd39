import type { Db } from "../db/client";

/** The transaction client Prisma hands to `$transaction(async (tx) => ...)`. */
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

type SessionPayload = { authorizations?: Record<string, unknown> };

/**
 * Removes what the provider stores for a client: its grants (remembered consent), everything
 * issued under them or to it (authorization codes, access and refresh tokens, interactions), and
 * its entry in every session (which names the grant and sid it got there). Call it in the
 * transaction that deletes the application. client_credentials tokens live in token batches and
 * cannot be cut out; they stop because their app is gone, and a new app under the same client ID
 * does not accept them (see issuedToThisApp).
 */
export async function forgetClient(tx: Tx, clientId: string): Promise<void> {
  const grants = await tx.oidcPayload.findMany({ where: { model: "Grant", clientId }, select: { id: true } });
  await tx.oidcPayload.deleteMany({
    where: { OR: [{ clientId }, { grantId: { in: grants.map((grant) => grant.id) } }] },
  });
  // Sessions are not indexed by client; the client ID appears quoted in the payloads that name it.
  const sessions = await tx.oidcPayload.findMany({
    where: { model: "Session", payload: { contains: JSON.stringify(clientId) } },
    select: { id: true, payload: true },
  });
  for (const session of sessions) {
    const payload = JSON.parse(session.payload) as SessionPayload;
    if (!payload.authorizations?.[clientId]) continue;
    delete payload.authorizations[clientId];
    await tx.oidcPayload.update({
      where: { model_id: { model: "Session", id: session.id } },
      data: { payload: JSON.stringify(payload) },
    });
  }
}
