import { adminRoute, readJson } from "@/lib/api/route";
import { appAccess, updateAppAccess } from "@/lib/apis/app-access";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/lib/runtime";

type Params = { id: string };

/** GET: the API permissions the app may ask for, its roles (m2m) and who may sign in to it. */
export const GET = adminRoute<Params>(async ({ params }) => {
  const db = runtime().database.prisma;
  const app = await db.application.findUnique({ where: { id: params.id }, select: { id: true } });
  if (!app) throw new NotFoundError("Application");
  return Response.json(await appAccess(db, params.id));
});

/** PATCH: each of `apiPermissions`, `roles`, `accessRoles` sent replaces that whole list (one transaction). */
export const PATCH = adminRoute<Params>(async ({ req, params, actor }) =>
  Response.json(await updateAppAccess(runtime().database.prisma, params.id, await readJson(req), actor)),
);
