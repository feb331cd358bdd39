import { ZodError, z } from "zod";
import type { Actor } from "../audit/events";
import { changedFields, recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { type PermissionRef, permissionRefs, roleNames } from "../validation/api-resource";
import { permissionIds, roleIds } from "./roles";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * What an app holds beside its settings: the API permissions it may ask users for (its
 * Permissions tab), the roles a machine-to-machine app acts with, and who may sign in to it
 * (no role: everyone; otherwise users holding one of them).
 */
export type AppAccess = { apiPermissions: PermissionRef[]; roles: string[]; accessRoles: string[] };

async function appOf(tx: Pick<Db, "application">, applicationId: string) {
  const app = await tx.application.findUnique({ where: { id: applicationId }, select: { id: true, type: true } });
  if (!app) throw new NotFoundError("Application");
  return app;
}

function refused(field: string, message: string): ZodError {
  return new ZodError([{ code: "custom", path: [field], message, input: undefined }]);
}

export async function appAccess(
  db: Pick<Db, "appApiPermission" | "appRole" | "appAccessRole">,
  applicationId: string,
): Promise<AppAccess> {
  const [permissions, roles, access] = await Promise.all([
    db.appApiPermission.findMany({
      where: { applicationId },
      select: { permission: { select: { name: true, api: { select: { indicator: true } } } } },
    }),
    db.appRole.findMany({ where: { applicationId }, select: { role: { select: { name: true } } } }),
    db.appAccessRole.findMany({ where: { applicationId }, select: { role: { select: { name: true } } } }),
  ]);
  return {
    apiPermissions: permissions
      .map(({ permission }) => ({ indicator: permission.api.indicator, name: permission.name }))
      .sort((a, b) => a.indicator.localeCompare(b.indicator) || a.name.localeCompare(b.name)),
    roles: roles.map((r) => r.role.name).sort(),
    accessRoles: access.map((r) => r.role.name).sort(),
  };
}

/** Records what changed of an app's access, as a change of the app. */
async function auditChange(tx: Tx, applicationId: string, before: AppAccess, actor: Actor) {
  const after = await appAccess(tx, applicationId);
  const flat = (a: AppAccess) => ({
    apiPermissions: a.apiPermissions.map((p) => `${p.indicator} ${p.name}`),
    roles: a.roles,
    accessRoles: a.accessRoles,
  });
  const diff = changedFields(flat(before), flat(after));
  if (Object.keys(diff.after).length) await recordAudit(tx, { type: "app.updated", actor, applicationId, ...diff });
  return after;
}

export const appAccessSchema = z
  .object({ apiPermissions: permissionRefs, roles: roleNames, accessRoles: roleNames })
  .partial();
export type AppAccessInput = z.input<typeof appAccessSchema>;

/**
 * Changes an app's access in one transaction; each list sent replaces that whole list:
 * `apiPermissions` (what it may ask users for; not for m2m apps, which get theirs from roles),
 * `roles` (m2m apps only) and `accessRoles` (who may sign in; none for everyone).
 */
export async function updateAppAccess(db: Db, applicationId: string, input: unknown, actor: Actor): Promise<AppAccess> {
  const data = appAccessSchema.parse(input);
  return db.$transaction(async (tx) => {
    const app = await appOf(tx, applicationId);
    const m2m = app.type === "m2m";
    const before = await appAccess(tx, applicationId);
    if (data.apiPermissions) {
      if (m2m && data.apiPermissions.length) throw refused("apiPermissions", "m2mUsesRoles");
      const ids = await permissionIds(tx, data.apiPermissions, "apiPermissions");
      await tx.appApiPermission.deleteMany({ where: { applicationId } });
      if (ids.length)
        await tx.appApiPermission.createMany({ data: ids.map((permissionId) => ({ applicationId, permissionId })) });
    }
    if (data.roles) {
      const { ids } = await roleIds(tx, data.roles, "roles");
      if (!m2m && ids.length) throw refused("roles", "m2mOnlyRoles");
      await tx.appRole.deleteMany({ where: { applicationId } });
      if (ids.length) await tx.appRole.createMany({ data: ids.map((roleId) => ({ applicationId, roleId })) });
    }
    if (data.accessRoles) {
      const { ids } = await roleIds(tx, data.accessRoles, "accessRoles");
      if (m2m && ids.length) throw refused("accessRoles", "m2mNoSignIn");
      await tx.appAccessRole.deleteMany({ where: { applicationId } });
      if (ids.length) await tx.appAccessRole.createMany({ data: ids.map((roleId) => ({ applicationId, roleId })) });
    }
    return auditChange(tx, applicationId, before, actor);
  });
}

/**
 * Whether a user may sign in to an app under its access rule: always when the app names no
 * role, otherwise only when the user holds one of them.
 */
export async function mayUseApp(
  db: Pick<Db, "appAccessRole">,
  applicationId: string,
  userId: string,
): Promise<boolean> {
  const rules = await db.appAccessRole.findMany({ where: { applicationId }, select: { roleId: true } });
  if (rules.length === 0) return true;
  const held = await db.appAccessRole.count({
    where: { applicationId, role: { users: { some: { userId } } } },
  });
  return held > 0;
}
