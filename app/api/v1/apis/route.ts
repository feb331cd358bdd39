import { adminRoute, readJson } from "@/lib/api/route";
import { createApi, listApis } from "@/lib/apis/service";
import { runtime } from "@/lib/runtime";

/** GET /api/v1/apis: every API with its permissions, oldest first. */
export const GET = adminRoute(async () => Response.json({ items: await listApis(runtime().database.prisma) }));

export const POST = adminRoute(async ({ req, actor }) =>
  Response.json(await createApi(runtime().database.prisma, await readJson(req), actor), { status: 201 }),
);
