import type { Db } from "../db/client";

/**
 * Who is asking for an API's permissions: the app (its Application row) and, for a user's
 * token, the user. Machine-to-machine apps act for themselves and have no user.
 */
export type Requester = { applicationId: string; machine: boolean; accountId?: string };

export type ApiGrantable = {
  indicator: string;
  accessTokenTtl: number;
  /** Every permission the API has. */
  permissions: Set<string>;
  /** The permissions the app may ask for (m2m apps: those its roles hold). */
  allowed: Set<string>;
  /**
   * What a token may carry: `allowed`, and for a user's token only what the user's roles grant
   * too. Before the user is known (the first pass of an authorization request), `allowed`.
   */
  grantable: Set<string>;
};

/** The permissions of an API that `roleIds` hold between them. */
async function heldByRoles(db: Db, apiId: string, roleIds: string[]): Promise<Set<string>> {
  if (roleIds.length === 0) return new Set();
  const rows = await db.rolePermission.findMany({
    where: { roleId: { in: roleIds }, permission: { apiId } },
    select: { permission: { select: { name: true } } },
  });
  return new Set(rows.map((row) => row.permission.name));
}

async function rolesOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.userRole.findMany({ where: { userId }, select: { roleId: true } });
  return rows.map((row) => row.roleId);
}

/**
 * What a token for the API at `indicator` may carry for this requester; undefined when no API
 * has that indicator. Read from the database on every call, so a role or permission taken away
 * is missing from the next token (and the next refresh) on every instance.
 */
export async function apiGrantable(db: Db, indicator: string, who: Requester): Promise<ApiGrantable | undefined> {
  const api = await db.apiResource.findUnique({
    where: { indicator },
    select: { id: true, accessTokenTtl: true, permissions: { select: { name: true } } },
  });
  if (!api) return undefined;
  const permissions = new Set(api.permissions.map((p) => p.name));
  let allowed: Set<string>;
  if (who.machine) {
    const roles = await db.appRole.findMany({ where: { applicationId: who.applicationId }, select: { roleId: true } });
    allowed = await heldByRoles(
      db,
      api.id,
      roles.map((r) => r.roleId),
    );
  } else {
    const rows = await db.appApiPermission.findMany({
      where: { applicationId: who.applicationId, permission: { apiId: api.id } },
      select: { permission: { select: { name: true } } },
    });
    allowed = new Set(rows.map((row) => row.permission.name));
  }
  let grantable = allowed;
  if (!who.machine && who.accountId) {
    const granted = await heldByRoles(db, api.id, await rolesOfUser(db, who.accountId));
    grantable = new Set([...allowed].filter((name) => granted.has(name)));
  }
  return { indicator, accessTokenTtl: api.accessTokenTtl, permissions, allowed, grantable };
}

/** The first permission of the API in `requested` that the app may not ask for, if any. */
export function refusedPermission(api: ApiGrantable, requested: Iterable<string>): string | undefined {
  for (const scope of requested) if (api.permissions.has(scope) && !api.allowed.has(scope)) return scope;
  return undefined;
}
