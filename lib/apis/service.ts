import type { Actor } from "../audit/events";
import { changedFields, recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { ConflictError, conflictOnUnique, NotFoundError } from "../errors";
import { randomId } from "../ids";
import { createApiSchema, updateApiSchema } from "../validation/api-resource";
import { expectedVersion } from "../validation/numbers";

export type PermissionView = { name: string; description: string };

/** An API as the management API, the CLI and the console show it. */
export type ApiView = {
  id: string;
  name: string;
  indicator: string;
  accessTokenTtl: number;
  permissions: PermissionView[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const withPermissions = { permissions: { orderBy: { name: "asc" as const } } };

type ApiRow = Awaited<ReturnType<Db["apiResource"]["findUniqueOrThrow"]>> & {
  permissions: { name: string; description: string }[];
};

function toView(row: ApiRow): ApiView {
  return {
    id: row.id,
    name: row.name,
    indicator: row.indicator,
    accessTokenTtl: row.accessTokenTtl,
    permissions: row.permissions.map(({ name, description }) => ({ name, description })),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the audit log shows of an API. */
function audited(api: ApiView): Record<string, unknown> {
  const { name, indicator, accessTokenTtl, permissions } = api;
  return { name, indicator, accessTokenTtl, permissions: permissions.map((p) => `${p.name}: ${p.description}`) };
}

const indicatorTaken = conflictOnUnique("Another API already has this indicator.");

export async function listApis(db: Db): Promise<ApiView[]> {
  const rows = await db.apiResource.findMany({
    include: withPermissions,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toView);
}

export async function getApi(db: Db, id: string): Promise<ApiView> {
  const row = await db.apiResource.findUnique({ where: { id }, include: withPermissions });
  if (!row) throw new NotFoundError("API");
  return toView(row);
}

/** An API by its id or its indicator (the CLI names APIs by indicator). */
export async function findApi(db: Db, idOrIndicator: string): Promise<ApiView> {
  const row = await db.apiResource.findFirst({
    where: { OR: [{ id: idOrIndicator }, { indicator: idOrIndicator }] },
    include: withPermissions,
  });
  if (!row) throw new NotFoundError(`API ${idOrIndicator}`);
  return toView(row);
}

export async function createApi(db: Db, input: unknown, actor: Actor): Promise<ApiView> {
  const data = createApiSchema.parse(input);
  return db
    .$transaction(async (tx) => {
      const id = randomId();
      await tx.apiResource.create({
        data: { id, name: data.name, indicator: data.indicator, accessTokenTtl: data.accessTokenTtl },
      });
      await writePermissions(tx, id, data.permissions);
      const api = toView(await tx.apiResource.findUniqueOrThrow({ where: { id }, include: withPermissions }));
      await recordAudit(tx, { type: "api.created", actor, after: audited(api) });
      return api;
    })
    .catch(indicatorTaken);
}

/**
 * Makes the API's permissions exactly `wanted`, matched by name: a kept permission keeps its id,
 * so the roles and apps holding it keep holding it; a removed one is taken from them too.
 */
async function writePermissions(tx: Tx, apiId: string, wanted: PermissionView[]) {
  const current = await tx.apiPermission.findMany({ where: { apiId } });
  const names = new Set(wanted.map((p) => p.name));
  const gone = current.filter((p) => !names.has(p.name)).map((p) => p.id);
  if (gone.length) await tx.apiPermission.deleteMany({ where: { id: { in: gone } } });
  for (const permission of wanted) {
    const existing = current.find((p) => p.name === permission.name);
    if (!existing) {
      await tx.apiPermission.create({ data: { id: randomId(), apiId, ...permission } });
    } else if (existing.description !== permission.description) {
      await tx.apiPermission.update({ where: { id: existing.id }, data: { description: permission.description } });
    }
  }
}

/** Changes the fields sent; `permissions`, when sent, is the whole new list. A stale `version` is a 409. */
export async function updateApi(db: Db, id: string, input: unknown, actor: Actor): Promise<ApiView> {
  const { version: expected, permissions, ...fields } = updateApiSchema.extend(expectedVersion).parse(input);
  return db
    .$transaction(async (tx) => {
      const current = await tx.apiResource.findUnique({ where: { id }, include: withPermissions });
      if (!current) throw new NotFoundError("API");
      const { count } = await tx.apiResource.updateMany({
        where: { id, version: expected ?? current.version },
        data: { ...fields, version: { increment: 1 } },
      });
      if (count === 0)
        throw new ConflictError("This API was changed by someone else; reload to see their changes.", "stale_version");
      if (permissions) await writePermissions(tx, id, permissions);
      const after = toView(await tx.apiResource.findUniqueOrThrow({ where: { id }, include: withPermissions }));
      const diff = changedFields(audited(toView(current)), audited(after));
      if (Object.keys(diff.after).length > 0) await recordAudit(tx, { type: "api.updated", actor, ...diff });
      return after;
    })
    .catch(indicatorTaken);
}

/** Deletes an API; roles and apps lose its permissions with it. Tokens already issued live out their lifetime. */
export async function deleteApi(db: Db, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.apiResource.findUnique({ where: { id }, include: withPermissions });
    if (!current) throw new NotFoundError("API");
    await tx.apiResource.delete({ where: { id } });
    await recordAudit(tx, { type: "api.deleted", actor, before: audited(toView(current)) });
  });
}
