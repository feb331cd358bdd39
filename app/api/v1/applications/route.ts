import { adminRoute, readJson } from "@/lib/api/route";
import { listApplicationPage, type Party, parties } from "@/lib/applications/list";
import { createApplication } from "@/lib/applications/service";
import { runtime } from "@/lib/runtime";

/** GET /api/v1/applications?party=third-party&search=wiki&page=2 */
export const GET = adminRoute(async ({ req }) => {
  const params = new URL(req.url).searchParams;
  const party = (parties as readonly string[]).includes(params.get("party") ?? "")
    ? (params.get("party") as Party)
    : "first-party";
  const page = await listApplicationPage(runtime().database, {
    party,
    search: params.get("search") ?? undefined,
    page: Number(params.get("page") ?? 1) || 1,
    pageSize: Number(params.get("pageSize") ?? 20) || 20,
  });
  return Response.json(page);
});

/** POST /api/v1/applications: the plain client secret is in this response and nowhere else. */
export const POST = adminRoute(async ({ req, actor }) => {
  const created = await createApplication(runtime().database.prisma, await readJson(req), actor);
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
