import { adminRoute, readJson } from "@/lib/api/route";
import { createRole, listRoles } from "@/lib/apis/roles";
import { runtime } from "@/lib/runtime";

/** GET /api/v1/roles: every role with its API permissions, by name. */
export const GET = adminRoute(async () => Response.json({ items: await listRoles(runtime().database.prisma) }));

export const POST = adminRoute(async ({ req, actor }) =>
  Response.json(await createRole(runtime().database.prisma, await readJson(req), actor), { status: 201 }),
);
