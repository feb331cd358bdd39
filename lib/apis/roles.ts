import { ZodError } from "zod";
import type { Actor } from "../audit/events";
import { changedFields, recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { conflictOnUnique, NotFoundError } from "../errors";
import { randomId } from "../ids";
import { createRoleSchema, type PermissionRef, roleListSchema, updateRoleSchema } from "../validation/api-resource";

export type RoleView = {
  id: string;
  name: string;
  description: string;
  /** The API permissions the role holds, each named by its API's indicator. */
  permissions: PermissionRef[];
  createdAt: Date;
};

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Reader = Pick<Db, "apiPermission" | "role">;

const withPermissions = {
  permissions: { select: { permission: { select: { name: true, api: { select: { indicator: true } } } } } },
};

type RoleRow = {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  permissions: { permission: { name: string; api: { indicator: string } } }[];
};

const byRef = (a: PermissionRef, b: PermissionRef) =>
  a.indicator.localeCompare(b.indicator) || a.name.localeCompare(b.name);

function toView(row: RoleRow): RoleView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    permissions: row.permissions
      .map(({ permission }) => ({ indicator: permission.api.indicator, name: permission.name }))
      .sort(byRef),
    createdAt: row.createdAt,
  };
}

const audited = (role: RoleView) => ({
  name: role.name,
  description: role.description,
  permissions: role.permissions.map((p) => `${p.indicator} ${p.name}`),
});

/** A 400 naming the field, as a schema would have given it (the check needs the database). */
function invalid(path: (string | number)[], message: string): ZodError {
  return new ZodError([{ code: "custom", path, message, input: undefined }]);
}

/** The ids of the permissions named; one that does not exist is a 400 naming its place in `field`. */
export async function permissionIds(db: Reader, refs: PermissionRef[], field: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, ref] of refs.entries()) {
    const found = await db.apiPermission.findFirst({
      where: { name: ref.name, api: { indicator: ref.indicator } },
      select: { id: true },
    });
    if (!found) throw invalid([field, index], "permissionUnknown");
    ids.push(found.id);
  }
  return [...new Set(ids)];
}

/** The ids of the roles named (already parsed); an unknown name is a 400 naming its place in `field`. */
export async function roleIds(db: Reader, roles: string[], field: string): Promise<{ names: string[]; ids: string[] }> {
  const names = [...new Set(roles)];
  const found = await db.role.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  const known = new Set(found.map((role) => role.name));
  const missing = roles.findIndex((name) => !known.has(name));
  if (missing >= 0) throw invalid([field, missing], "roleNotFound");
  return { names: names.sort(), ids: found.map((role) => role.id) };
}

const nameTaken = conflictOnUnique("Another role already has this name.");

export async function listRoles(db: Db): Promise<RoleView[]> {
  const rows = await db.role.findMany({ include: withPermissions, orderBy: [{ name: "asc" }] });
  return rows.map(toView);
}

export async function getRole(db: Db, id: string): Promise<RoleView> {
  const row = await db.role.findUnique({ where: { id }, include: withPermissions });
  if (!row) throw new NotFoundError("Role");
  return toView(row);
}

async function writePermissions(tx: Tx, roleId: string, ids: string[]) {
  await tx.rolePermission.deleteMany({ where: { roleId } });
  if (ids.length) await tx.rolePermission.createMany({ data: ids.map((permissionId) => ({ roleId, permissionId })) });
}

export async function createRole(db: Db, input: unknown, actor: Actor): Promise<RoleView> {
  const data = createRoleSchema.parse(input);
  return db
    .$transaction(async (tx) => {
      const ids = await permissionIds(tx, data.permissions, "permissions");
      const id = randomId();
      await tx.role.create({ data: { id, name: data.name, description: data.description } });
      await writePermissions(tx, id, ids);
      const role = toView(await tx.role.findUniqueOrThrow({ where: { id }, include: withPermissions }));
      await recordAudit(tx, { type: "role.created", actor, after: audited(role) });
      return role;
    })
    .catch(nameTaken);
}

/** Changes the fields sent; `permissions`, when sent, is the whole new list. */
export async function updateRole(db: Db, id: string, input: unknown, actor: Actor): Promise<RoleView> {
  const { permissions, ...fields } = updateRoleSchema.parse(input);
  return db
    .$transaction(async (tx) => {
      const current = await tx.role.findUnique({ where: { id }, include: withPermissions });
      if (!current) throw new NotFoundError("Role");
      if (Object.keys(fields).length) await tx.role.update({ where: { id }, data: fields });
      if (permissions) await writePermissions(tx, id, await permissionIds(tx, permissions, "permissions"));
      const after = toView(await tx.role.findUniqueOrThrow({ where: { id }, include: withPermissions }));
      const diff = changedFields(audited(toView(current)), audited(after));
      if (Object.keys(diff.after).length) await recordAudit(tx, { type: "role.updated", actor, ...diff });
      return after;
    })
    .catch(nameTaken);
}

/** Deletes a role: users and apps stop holding it, and access rules naming it lose it. */
export async function deleteRole(db: Db, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.role.findUnique({ where: { id }, include: withPermissions });
    if (!current) throw new NotFoundError("Role");
    await tx.role.delete({ where: { id } });
    await recordAudit(tx, { type: "role.deleted", actor, before: audited(toView(current)) });
  });
}

/** A role by its id or its name (the CLI names roles). */
export async function findRole(db: Db, idOrName: string): Promise<RoleView> {
  const row = await db.role.findFirst({
    where: { OR: [{ id: idOrName }, { name: idOrName }] },
    include: withPermissions,
  });
  if (!row) throw new NotFoundError(`Role ${idOrName}`);
  return toView(row);
}

/** The names of the roles a user holds, sorted. */
export async function userRoleNames(db: Pick<Db, "userRole">, userId: string): Promise<string[]> {
  const rows = await db.userRole.findMany({ where: { userId }, select: { role: { select: { name: true } } } });
  return rows.map((row) => row.role.name).sort();
}

/** Makes a user hold exactly the roles named (`{ roles: [...] }`); audited as a change of the user. */
export async function setUserRoles(db: Db, userId: string, input: unknown, actor: Actor): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new NotFoundError("User");
    const { names, ids } = await roleIds(tx, roleListSchema.parse(input).roles, "roles");
    const before = await userRoleNames(tx, userId);
    await tx.userRole.deleteMany({ where: { userId } });
    if (ids.length) await tx.userRole.createMany({ data: ids.map((roleId) => ({ userId, roleId })) });
    const diff = changedFields({ roles: before }, { roles: names });
    if (Object.keys(diff.after).length) await recordAudit(tx, { type: "user.updated", actor, userId, ...diff });
    return names;
  });
}
