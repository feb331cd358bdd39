import { adminRoute, readJson } from "@/lib/api/route";
import { listApplicationPage, type Party, parties } from "@/lib/applications/list";
import { createApplication } from "@/lib/applications/service";
import { runtime } from "@/lib/runtime";
import { pageQuerySchema } from "@/lib/validation/numbers";

/** GET /api/v1/applications?party=third-party&search=wiki&page=2 */
export const GET = adminRoute(async ({ req }) => {
  const params = new URL(req.url).searchParams;
  const paging = pageQuerySchema.parse({
    page: params.get("page") ?? undefined,
    pageSize: params.get("pageSize") ?? undefined,
  });
  const party = (parties as readonly string[]).includes(params.get("party") ?? "")
    ? (params.get("party") as Party)
    : "first-party";
  const page = await listApplicationPage(runtime().database, {
    party,
    search: params.get("search") ?? undefined,
    ...paging,
  });
  return Response.json(page);
});

/** POST /api/v1/applications: the plain client secret is in this response and nowhere else. */
export const POST = adminRoute(async ({ req, actor }) => {
  const created = await createApplication(runtime().database.prisma, await readJson(req), actor);
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
