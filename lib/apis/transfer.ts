import { z } from "zod";
import type { Actor } from "../audit/events";
import { changedFields, recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { randomId } from "../ids";
import { createApiSchema, createRoleSchema, permissionRefs, roleNames } from "../validation/api-resource";
import { clientIdSchema } from "../validation/client-id";
import { appAccess } from "./app-access";
import { permissionIds, roleIds } from "./roles";
import { listApis } from "./service";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * The APIs, roles and per-app access an export carries beside the applications, and an import
 * recreates (APIs by indicator, roles by name, access by client ID). All three are optional, so
 * exports made before them still import.
 */
export const accessImportShape = {
  apis: z.array(createApiSchema).max(1000, "tooManyPermissions").optional(),
  roles: z.array(createRoleSchema).max(1000, "tooManyRoles").optional(),
  access: z
    .array(
      z.object({
        clientId: clientIdSchema,
        apiPermissions: permissionRefs.default([]),
        roles: roleNames.default([]),
        accessRoles: roleNames.default([]),
      }),
    )
    .optional(),
};
type AccessImport = z.output<z.ZodObject<typeof accessImportShape>>;

export async function exportAccess(db: Db) {
  const apis = (await listApis(db)).map(({ name, indicator, accessTokenTtl, permissions }) => ({
    name,
    indicator,
    accessTokenTtl,
    permissions,
  }));
  const roleRows = await db.role.findMany({ orderBy: { name: "asc" }, select: { id: true } });
  const roles = [];
  for (const { id } of roleRows) {
    const role = await db.role.findUniqueOrThrow({
      where: { id },
      select: {
        name: true,
        description: true,
        permissions: { select: { permission: { select: { name: true, api: { select: { indicator: true } } } } } },
      },
    });
    roles.push({
      name: role.name,
      description: role.description,
      permissions: role.permissions.map((p) => ({ indicator: p.permission.api.indicator, name: p.permission.name })),
    });
  }
  const apps = await db.application.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, clientId: true } });
  const access = [];
  for (const app of apps) {
    const held = await appAccess(db, app.id);
    if (held.apiPermissions.length || held.roles.length || held.accessRoles.length)
      access.push({ clientId: app.clientId, ...held });
  }
  return { apis, roles, access };
}

/** Writes a list of rows `{ key, value }` for one owner: what is not listed is removed. */
async function replaceLinks(
  remove: () => Promise<unknown>,
  create: (ids: string[]) => Promise<unknown>,
  ids: string[],
) {
  await remove();
  if (ids.length) await create(ids);
}

/**
 * Recreates APIs, roles and access from an export inside the import's transaction: created when
 * missing, made to match when present; each change audited like the same change in the console.
 */
export async function importAccess(tx: Tx, file: AccessImport, actor: Actor) {
  for (const api of file.apis ?? []) {
    const existing = await tx.apiResource.findUnique({ where: { indicator: api.indicator } });
    const id = existing?.id ?? randomId();
    if (!existing) {
      await tx.apiResource.create({
        data: { id, name: api.name, indicator: api.indicator, accessTokenTtl: api.accessTokenTtl },
      });
      await recordAudit(tx, { type: "api.created", actor, after: { name: api.name, indicator: api.indicator } });
    } else if (existing.name !== api.name || existing.accessTokenTtl !== api.accessTokenTtl) {
      await tx.apiResource.update({
        where: { id },
        data: { name: api.name, accessTokenTtl: api.accessTokenTtl, version: { increment: 1 } },
      });
      const diff = changedFields(
        { name: existing.name, accessTokenTtl: existing.accessTokenTtl },
        { name: api.name, accessTokenTtl: api.accessTokenTtl },
      );
      await recordAudit(tx, { type: "api.updated", actor, ...diff });
    }
    for (const permission of api.permissions) {
      await tx.apiPermission.upsert({
        where: { apiId_name: { apiId: id, name: permission.name } },
        create: { id: randomId(), apiId: id, ...permission },
        update: { description: permission.description },
      });
    }
  }
  for (const role of file.roles ?? []) {
    const existing = await tx.role.findUnique({ where: { name: role.name } });
    const id = existing?.id ?? randomId();
    if (!existing) {
      await tx.role.create({ data: { id, name: role.name, description: role.description } });
      await recordAudit(tx, { type: "role.created", actor, after: { name: role.name } });
    } else if (existing.description !== role.description) {
      await tx.role.update({ where: { id }, data: { description: role.description } });
    }
    const ids = await permissionIds(tx, role.permissions, "permissions");
    await replaceLinks(
      () => tx.rolePermission.deleteMany({ where: { roleId: id } }),
      (list) => tx.rolePermission.createMany({ data: list.map((permissionId) => ({ roleId: id, permissionId })) }),
      ids,
    );
  }
  for (const entry of file.access ?? []) {
    const app = await tx.application.findUnique({ where: { clientId: entry.clientId }, select: { id: true } });
    if (!app) continue;
    const applicationId = app.id;
    const permissions = await permissionIds(tx, entry.apiPermissions, "apiPermissions");
    await replaceLinks(
      () => tx.appApiPermission.deleteMany({ where: { applicationId } }),
      (list) => tx.appApiPermission.createMany({ data: list.map((permissionId) => ({ applicationId, permissionId })) }),
      permissions,
    );
    const roles = (await roleIds(tx, entry.roles, "roles")).ids;
    await replaceLinks(
      () => tx.appRole.deleteMany({ where: { applicationId } }),
      (list) => tx.appRole.createMany({ data: list.map((roleId) => ({ applicationId, roleId })) }),
      roles,
    );
    const rules = (await roleIds(tx, entry.accessRoles, "accessRoles")).ids;
    await replaceLinks(
      () => tx.appAccessRole.deleteMany({ where: { applicationId } }),
      (list) => tx.appAccessRole.createMany({ data: list.map((roleId) => ({ applicationId, roleId })) }),
      rules,
    );
  }
}
