import { adminRoute, readJson } from "@/lib/api/route";
import { setUserRoles, userRoleNames } from "@/lib/apis/roles";
import { runtime } from "@/lib/runtime";
import { getUser } from "@/lib/users/admin";

type Params = { id: string };

/** GET /api/v1/users/{id}/roles: the names of the roles the user holds. */
export const GET = adminRoute<Params>(async ({ params }) => {
  const db = runtime().database.prisma;
  await getUser(db, params.id);
  return Response.json({ roles: await userRoleNames(db, params.id) });
});

/** PUT /api/v1/users/{id}/roles `{ roles: [names] }`: the whole list. */
export const PUT = adminRoute<Params>(async ({ req, params, actor }) =>
  Response.json({ roles: await setUserRoles(runtime().database.prisma, params.id, await readJson(req), actor) }),
);
