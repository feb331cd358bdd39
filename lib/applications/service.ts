import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { randomId, randomSecret } from "../ids";
import { hashSecret } from "../oidc/client-store";
import { type CreateApplicationInput, createApplicationSchema } from "../validation/application";
import { type ApplicationType, hasClientSecret } from "./types";

export type ApplicationView = {
  id: string;
  clientId: string;
  name: string;
  description: string;
  type: ApplicationType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  corsOrigins: string[];
  createdAt: Date;
  updatedAt: Date;
};

type ApplicationRow = Awaited<ReturnType<Db["application"]["findUniqueOrThrow"]>>;

export function toView(app: ApplicationRow): ApplicationView {
  return {
    id: app.id,
    clientId: app.clientId,
    name: app.name,
    description: app.description,
    type: app.type as ApplicationType,
    redirectUris: JSON.parse(app.redirectUris),
    postLogoutRedirectUris: JSON.parse(app.postLogoutRedirectUris),
    corsOrigins: JSON.parse(app.corsOrigins),
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}

export type CreatedApplication = { application: ApplicationView; clientSecret?: string };

/**
 * Creates an application and, for confidential types, its first secret, in one transaction.
 * The plain secret is returned here once and stored only as a hash.
 */
export async function createApplication(db: Db, input: CreateApplicationInput): Promise<CreatedApplication> {
  const data = createApplicationSchema.parse(input);
  const clientSecret = hasClientSecret(data.type) ? randomSecret() : undefined;
  const app = await db.$transaction(async (tx) => {
    const created = await tx.application.create({
      data: {
        id: randomId(),
        clientId: randomId(),
        name: data.name,
        description: data.description,
        type: data.type,
        redirectUris: JSON.stringify(data.redirectUris),
        postLogoutRedirectUris: JSON.stringify(data.postLogoutRedirectUris),
      },
    });
    if (clientSecret) {
      await tx.clientSecret.create({
        data: {
          id: randomId(),
          applicationId: created.id,
          name: "Default secret",
          hash: hashSecret(clientSecret),
          lastFour: clientSecret.slice(-4),
        },
      });
    }
    return created;
  });
  return { application: toView(app), clientSecret };
}

export async function listApplications(db: Db): Promise<ApplicationView[]> {
  const rows = await db.application.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return rows.map(toView);
}

export async function findApplicationByClientId(db: Db, clientId: string): Promise<ApplicationView> {
  const app = await db.application.findUnique({ where: { clientId } });
  if (!app) throw new NotFoundError(`Application ${clientId}`);
  return toView(app);
}
