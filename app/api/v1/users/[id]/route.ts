import { adminRoute, readJson } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { deleteUser, getUser, updateUser } from "@/lib/users/admin";

type Params = { id: string };

export const GET = adminRoute<Params>(async ({ params }) =>
  Response.json(await getUser(runtime().database.prisma, params.id)),
);

/** Edits a profile; a `version` in the body makes the save conditional (409 when stale). */
export const PATCH = adminRoute<Params>(async ({ req, params, actor }) => {
  return Response.json(await updateUser(runtime().database.prisma, params.id, await readJson(req), actor));
});

export const DELETE = adminRoute<Params>(async ({ params, actor }) => {
  await deleteUser(runtime().database.prisma, params.id, actor);
  return new Response(null, { status: 204 });
});
