import { adminRoute, readJson } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { createUserAsAdmin, listUsers } from "@/lib/users/admin";
import { pageQuerySchema } from "@/lib/validation/numbers";

/** GET /api/v1/users?search=ada&page=2 */
export const GET = adminRoute(async ({ req }) => {
  const params = new URL(req.url).searchParams;
  const paging = pageQuerySchema.parse({
    page: params.get("page") ?? undefined,
    pageSize: params.get("pageSize") ?? undefined,
  });
  const page = await listUsers(runtime().database, { search: params.get("search") ?? undefined, ...paging });
  return Response.json(page);
});

export const POST = adminRoute(async ({ req, actor }) =>
  Response.json(await createUserAsAdmin(runtime().database.prisma, await readJson(req), actor), { status: 201 }),
);
