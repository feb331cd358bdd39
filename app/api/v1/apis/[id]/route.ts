import { adminRoute, readJson } from "@/lib/api/route";
import { deleteApi, getApi, updateApi } from "@/lib/apis/service";
import { runtime } from "@/lib/runtime";

type Params = { id: string };

export const GET = adminRoute<Params>(async ({ params }) =>
  Response.json(await getApi(runtime().database.prisma, params.id)),
);

/** Changes the fields sent; a `version` in the body makes the save conditional (409 when stale). */
export const PATCH = adminRoute<Params>(async ({ req, params, actor }) =>
  Response.json(await updateApi(runtime().database.prisma, params.id, await readJson(req), actor)),
);

export const DELETE = adminRoute<Params>(async ({ params, actor }) => {
  await deleteApi(runtime().database.prisma, params.id, actor);
  return new Response(null, { status: 204 });
});
