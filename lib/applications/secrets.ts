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
): Promise<{ secret: SecretView; value: string; clientId: string }> {
  const data = createSecretSchema.parse(input);
  const app = await db.application.findUnique({ where: { id: applicationId }, select: { type: true, clientId: true } });
  if (!app || !hasClientSecret(app.type as ApplicationType)) throw new NotFoundError("Application");
  const value = randomSecret();
  const secret = await db.clientSecret.create({
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
  return { secret, value, clientId: app.clientId };
}

/** Deletes one secret; the provider refuses it from the next request on. */
export async function deleteSecret(db: Db, applicationId: string, secretId: string): Promise<{ clientId: string }> {
  const app = await db.application.findUnique({ where: { id: applicationId }, select: { clientId: true } });
  const { count } = await db.clientSecret.deleteMany({ where: { id: secretId, applicationId } });
  if (!app || count === 0) throw new NotFoundError("Secret");
  return { clientId: app.clientId };
}
