import { adminRoute, readJson } from "@/lib/api/route";
import { deleteApplication, getApplication, updateApplication } from "@/lib/applications/service";
import { runtime } from "@/lib/runtime";

type Params = { id: string };

export const GET = adminRoute<Params>(async ({ params }) =>
  Response.json(await getApplication(runtime().database.prisma, params.id)),
);

/** Saves settings. A `version` in the body makes the save conditional on nobody else's edit (409). */
export const PATCH = adminRoute<Params>(async ({ req, params, actor }) => {
  const rt = runtime();
  const app = await updateApplication(rt.database.prisma, params.id, await readJson(req), actor);
  rt.clients.invalidate(app.clientId);
  return Response.json(app);
});

export const DELETE = adminRoute<Params>(async ({ params, actor }) => {
  const rt = runtime();
  const { clientId } = await deleteApplication(rt.database.prisma, params.id, actor);
  rt.clients.invalidate(clientId);
  return new Response(null, { status: 204 });
});
