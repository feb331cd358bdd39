import type { Actor } from "../audit/events";
import { changedFields, recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import { randomId, randomSecret } from "../ids";
import { hashSecret } from "../oidc/client-store";
import {
  type CreateApplicationInput,
  createApplicationSchema,
  updateApplicationSchema,
} from "../validation/application";
import { isReservedClientId } from "../validation/client-id";
import { assertClientKeys } from "../validation/jwks";
import { expectedVersion } from "../validation/numbers";
import { forgetClient } from "./forget-client";
import { type SecretView, secretViewFields } from "./secrets";
import type { ApplicationSettings } from "./settings";
import { readSettings, settingsColumns } from "./settings-rows";
import { type ApplicationType, hasClientSecret } from "./types";

/** The name of the secret an app is created with (the console shows it in the reader's language). */
export const DEFAULT_SECRET_NAME = "Default secret";

/** An application as the API and the console show it: who it is, and its declared settings. */
export type ApplicationView = ApplicationSettings & {
  id: string;
  clientId: string;
  type: ApplicationType;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

type ApplicationRow = Awaited<ReturnType<Db["application"]["findUniqueOrThrow"]>>;

export function toView(app: ApplicationRow): ApplicationView {
  return {
    id: app.id,
    clientId: app.clientId,
    type: app.type as ApplicationType,
    ...readSettings(app),
    version: app.version,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}

export type CreatedApplication = { application: ApplicationView; clientSecret?: string };

/**
 * Creates an application and, for confidential types, its first secret, in one transaction.
 * The plain secret is returned here once and stored only as a hash.
 */
export async function createApplication(
  db: Db,
  input: CreateApplicationInput | unknown,
  actor: Actor,
): Promise<CreatedApplication> {
  const { type, ...settings } = createApplicationSchema.parse(input);
  const clientSecret = hasClientSecret(type) ? randomSecret() : undefined;
  const app = await db.$transaction(async (tx) => {
    const created = await tx.application.create({
      data: {
        id: randomId(),
        clientId: randomId(),
        type,
        ...settingsColumns(settings),
        name: settings.name,
      },
    });
    assertClientKeys(readSettings(created));
    if (clientSecret) {
      await tx.clientSecret.create({
        data: {
          id: randomId(),
          applicationId: created.id,
          name: DEFAULT_SECRET_NAME,
          hash: hashSecret(clientSecret),
          lastFour: clientSecret.slice(-4),
        },
      });
    }
    await recordAudit(tx, {
      type: "app.created",
      actor,
      applicationId: created.id,
      after: auditedFields(toView(created)),
    });
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

export type ApplicationDetail = ApplicationView & { secrets: SecretView[] };

export async function getApplication(db: Db, id: string): Promise<ApplicationDetail> {
  const app = await db.application.findUnique({
    where: { id },
    include: { secrets: { select: secretViewFields, orderBy: { createdAt: "asc" } } },
  });
  if (!app) throw new NotFoundError("Application");
  return { ...toView(app), secrets: app.secrets };
}

/**
 * Saves the settings form. When the input carries a `version` and the row moved on since, nothing
 * changes and a ConflictError says so: two admins never silently overwrite each other.
 */
export async function updateApplication(db: Db, id: string, input: unknown, actor: Actor): Promise<ApplicationView> {
  const current = await db.application.findUnique({ where: { id } });
  if (!current) throw new NotFoundError("Application");
  const schema = updateApplicationSchema(current.type as ApplicationType).extend(expectedVersion);
  const { version: expected, ...data } = schema.parse(input);
  const version = expected ?? current.version;
  return db.$transaction(async (tx) => {
    const { count } = await tx.application.updateMany({
      where: { id, version },
      data: { ...settingsColumns(data), version: { increment: 1 } },
    });
    if (count === 0)
      throw new ConflictError(
        "This application was changed by someone else; reload to see their changes.",
        "stale_version",
      );
    const app = toView(await tx.application.findUniqueOrThrow({ where: { id } }));
    // Checked on the app as changed (a PATCH may send only one of the three settings).
    assertClientKeys(app);
    const diff = changedFields(auditedFields(toView(current)), auditedFields(app));
    if (Object.keys(diff.after).length > 0)
      await recordAudit(tx, { type: "app.updated", actor, applicationId: id, ...diff });
    return app;
  });
}

/** What the audit log records of an application: its settings, not its timestamps or version. */
function auditedFields(app: ApplicationView): Record<string, unknown> {
  const { id: _id, createdAt: _created, updatedAt: _updated, version: _version, ...fields } = app;
  return fields;
}

/**
 * Deletes an application with its secrets, and in the same transaction everything the provider
 * holds for it (see forgetClient), so importing the same client ID later starts from nothing:
 * no refresh token works again and users are asked for consent again.
 */
export async function deleteApplication(db: Db, id: string, actor: Actor): Promise<{ clientId: string }> {
  const app = await db.application.findUnique({ where: { id } });
  if (!app) throw new NotFoundError("Application");
  await db.$transaction(async (tx) => {
    await tx.application.delete({ where: { id } });
    // A row made before the built-in IDs were reserved shares its ID with a built-in client,
    // whose grants and sessions are not this row's to end.
    if (!isReservedClientId(app.clientId)) await forgetClient(tx, app.clientId);
    await recordAudit(tx, { type: "app.deleted", actor, applicationId: id, before: auditedFields(toView(app)) });
  });
  return { clientId: app.clientId };
}
