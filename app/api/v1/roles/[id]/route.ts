import { adminRoute, readJson } from "@/lib/api/route";
import { deleteRole, getRole, updateRole } from "@/lib/apis/roles";
import { runtime } from "@/lib/runtime";

type Params = { id: string };

export const GET = adminRoute<Params>(async ({ params }) =>
  Response.json(await getRole(runtime().database.prisma, params.id)),
);

export const PATCH = adminRoute<Params>(async ({ req, params, actor }) =>
  Response.json(await updateRole(runtime().database.prisma, params.id, await readJson(req), actor)),
);

export const DELETE = adminRoute<Params>(async ({ params, actor }) => {
  await deleteRole(runtime().database.prisma, params.id, actor);
  return new Response(null, { status: 204 });
});
