import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { connect, type Db } from "../../lib/db/client";
import { openDirectSql } from "../../lib/db/direct-sql";
import { applyMigrations, migrationsFor } from "../../lib/db/migrate";
import { defaultTimeouts } from "../../lib/db/timeouts";
import { createAdapterClass } from "../../lib/oidc/adapter";
import type { ClientStore } from "../../lib/oidc/client-store";
import { createPayloadStore } from "../../lib/oidc/payload-store";
import { knownKeyJti, storedId } from "../../lib/oidc/stored-id";
import type { TokenBatches } from "../../lib/oidc/token-batches";
import { databaseKinds, freshDatabases } from "../support/databases";

/** A value like oidc-provider's (43 URL-safe characters, 256 bits). */
const value = () => randomBytes(32).toString("base64url");

// Migration 0024 turns a database written by the adapter before ids were hashed (raw token
// values as row ids, `jti` in payloads, raw keys in token batches) into one the current adapter
// reads: every token still works, and no raw value is left in the rows.
describe("upgrading to hashed token ids", () => {
  const freshDatabase = freshDatabases();

  it.each(databaseKinds)("keeps every stored token working and none readable on %s", async (kind) => {
    const { url } = await freshDatabase(kind);
    const before = migrationsFor(kind).filter((migration) => migration.name < "0024");
    await applyMigrations(url, before);
    const { prisma } = await connect(url);
    const sql = await openDirectSql(url, defaultTimeouts);
    try {
      const exp = Math.floor(Date.now() / 1000) + 3600;
      const expiresAt = new Date(exp * 1000);
      const [access, refresh, session, device, interaction, batched, revoked] = Array.from({ length: 7 }, value);
      const batchId = batched.slice(0, 12);
      const revokedInBatch = `${batchId}${revoked}`;
      const base = { iat: exp - 3600, exp, accountId: "user-1", clientId: "app-1", grantId: "grant-1" };
      const row = (model: string, id: string, payload: object, extra: object = {}) => ({
        model,
        id,
        payload: JSON.stringify({ ...payload, jti: id, kind: model }),
        expiresAt,
        ...extra,
      });
      // As the adapter before 0024 wrote them.
      await prisma.oidcPayload.createMany({
        data: [
          row("AccessToken", access, base, { grantId: "grant-1", accountId: "user-1", clientId: "app-1" }),
          row("RefreshToken", refresh, base, { grantId: "grant-1", accountId: "user-1", clientId: "app-1" }),
          row("Session", session, { exp, uid: "uid-1", accountId: "user-1" }, { uid: "uid-1", accountId: "user-1" }),
          row("DeviceCode", device, { ...base, userCode: "BCDFGHJK" }, { userCode: "BCDFGHJK", grantId: "grant-1" }),
          row("Interaction", interaction, {
            exp,
            session: { accountId: "user-1", uid: "uid-1", cookie: session },
            deviceCode: device,
          }),
          row("Grant", "grant-1", { exp, accountId: "user-1", clientId: "app-1" }),
          { model: "RevokedClientCredentials", id: revokedInBatch, payload: "{}", expiresAt },
        ],
      });
      const tokenOf = (id: string) => ({ iat: exp - 3600, exp, jti: id, kind: "ClientCredentials", clientId: "app-1" });
      await prisma.tokenBatch.create({
        data: {
          id: "batch-row-1",
          batchId,
          tokens: JSON.stringify({ [batched]: tokenOf(batched), [revokedInBatch]: tokenOf(revokedInBatch) }),
          expiresAt,
        },
      });

      expect((await applyMigrations(url, migrationsFor(kind))).applied).toEqual(["0024_hashed_token_ids"]);

      const raw = [access, refresh, session, device, batched, revokedInBatch];
      const rows = await prisma.oidcPayload.findMany();
      const batches = await prisma.tokenBatch.findMany();
      const stored = JSON.stringify([rows.map((r) => [r.id, r.payload]), batches.map((b) => b.tokens)]);
      for (const token of raw) expect(stored.includes(token), "a raw token value is left in the rows").toBe(false);
      if (kind === "sqlite") {
        // The old values are not left behind in freed space of the file either.
        const file = url.slice("file:".length);
        const bytes = [file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path).toString("latin1"));
        for (const token of raw) expect(bytes.join("").includes(token), "a raw value is left in the file").toBe(false);
      }

      const Adapter = createAdapterClass(prisma as Db, createPayloadStore(sql), {} as ClientStore, {} as TokenBatches);
      const found = await new Adapter("AccessToken").find(access);
      expect(found).toMatchObject({ jti: access, accountId: "user-1", grantId: "grant-1", exp });
      expect(await new Adapter("Session").find(session)).toMatchObject({ jti: session, uid: "uid-1" });
      expect(await new Adapter("Session").findByUid("uid-1")).toMatchObject({ accountId: "user-1" });
      expect(await new Adapter("DeviceCode").findByUserCode("BCDFGHJK")).toMatchObject({ grantId: "grant-1" });
      expect(await new Adapter("ClientCredentials").find(batched)).toMatchObject({ jti: batched, clientId: "app-1" });
      // Still revoked after the upgrade.
      expect(await new Adapter("ClientCredentials").find(revokedInBatch)).toBeUndefined();
      // Not a credential: unchanged, except that the interaction no longer names the session cookie.
      expect(await new Adapter("Grant").find("grant-1")).toMatchObject({ jti: "grant-1" });
      const resumed = (await new Adapter("Interaction").find(interaction)) as { session: object; deviceCode: string };
      expect(resumed.session).toEqual({ accountId: "user-1", uid: "uid-1" });
      // The device code by its stored key, as a device flow begun after the upgrade names it.
      expect(resumed.deviceCode).toBe(knownKeyJti(storedId(device)));
      // A refresh token is used once; a second use finds it used and revokes its grant.
      await new Adapter("RefreshToken").consume(refresh);
      await expect(new Adapter("RefreshToken").consume(refresh)).rejects.toThrow("invalid_grant");
      expect(await new Adapter("AccessToken").find(access)).toBeUndefined();
    } finally {
      await Promise.all([sql.close(), prisma.$disconnect()]);
    }
  });
});
