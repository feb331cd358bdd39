import type { Actor } from "../audit/events";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { randomId, randomSecret } from "../ids";
import { hashSecret } from "../oidc/client-store";
import { type CreateSecretInput, createSecretSchema } from "../validation/secret";
import { type ApplicationType, hasClientSecret } from "./types";

export type SecretView = {
  id: string;
  name: string;
  lastFour: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
};

export const secretViewFields = {
  id: true,
  name: true,
  lastFour: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
} as const;

const day = 24 * 60 * 60 * 1000;

/** Adds a secret to a confidential application; its plain value is returned here, once. */
export async function createSecret(
  db: Db,
  applicationId: string,
  input: CreateSecretInput | unknown,
  actor: Actor,
): Promise<{ secret: SecretView; value: string; clientId: string }> {
  const data = createSecretSchema.parse(input);
  const app = await db.application.findUnique({ where: { id: applicationId }, select: { type: true, clientId: true } });
  if (!app || !hasClientSecret(app.type as ApplicationType)) throw new NotFoundError("Application");
  const value = randomSecret();
  const secret = await db.$transaction(async (tx) => {
    const created = await tx.clientSecret.create({
      data: {
        id: randomId(),
        applicationId,
        name: data.name,
        hash: hashSecret(value),
        lastFour: value.slice(-4),
        expiresAt: data.expiresInDays === null ? null : new Date(Date.now() + data.expiresInDays * day),
      },
      select: secretViewFields,
    });
    const { name, lastFour, expiresAt } = created;
    await recordAudit(tx, { type: "secret.created", actor, applicationId, after: { name, lastFour, expiresAt } });
    return created;
  });
  return { secret, value, clientId: app.clientId };
}

/** Deletes one secret; the provider refuses it from the next request on. */
export async function deleteSecret(
  db: Db,
  applicationId: string,
  secretId: string,
  actor: Actor,
): Promise<{ clientId: string }> {
  const app = await db.application.findUnique({ where: { id: applicationId }, select: { clientId: true } });
  const secret = await db.clientSecret.findFirst({ where: { id: secretId, applicationId }, select: secretViewFields });
  if (!app || !secret) throw new NotFoundError("Secret");
  await db.$transaction(async (tx) => {
    await tx.clientSecret.delete({ where: { id: secretId } });
    const { name, lastFour, expiresAt } = secret;
    await recordAudit(tx, { type: "secret.deleted", actor, applicationId, before: { name, lastFour, expiresAt } });
  });
  return { clientId: app.clientId };
}
