import type { Db } from "../db/client";
import type { ConsentApi } from "../provider-pages/data";

/** Per API the consent page is about: the permissions asked for the first time, and those granted before. */
export type AskedPermissions = { indicator: string; asked: string[]; granted: string[] };

/**
 * The APIs a consent page lists, each with its name and its permissions' descriptions (what
 * users read), new ones first. Permissions the API no longer has are left out.
 */
export async function consentApis(db: Db, asked: AskedPermissions[]): Promise<ConsentApi[]> {
  const wanted = asked.filter((entry) => entry.asked.length > 0);
  if (wanted.length === 0) return [];
  const apis = await db.apiResource.findMany({
    where: { indicator: { in: wanted.map((entry) => entry.indicator) } },
    select: { name: true, indicator: true, permissions: { select: { name: true, description: true } } },
  });
  return wanted.flatMap((entry) => {
    const api = apis.find((found) => found.indicator === entry.indicator);
    if (!api) return [];
    const permissions = entry.asked.flatMap((name) => {
      const permission = api.permissions.find((p) => p.name === name);
      return permission ? [{ name, description: permission.description, isNew: !entry.granted.includes(name) }] : [];
    });
    permissions.sort((a, b) => Number(b.isNew) - Number(a.isNew));
    return permissions.length ? [{ name: api.name, indicator: api.indicator, permissions }] : [];
  });
}
