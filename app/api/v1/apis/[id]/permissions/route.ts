import { z } from "zod";
import { adminRoute, readJson } from "@/lib/api/route";
import { updateApi } from "@/lib/apis/service";
import { runtime } from "@/lib/runtime";

type Params = { id: string };

/** PUT /api/v1/apis/{id}/permissions: the API's whole list of permissions (kept by name). */
export const PUT = adminRoute<Params>(async ({ req, params, actor }) => {
  const body = z.object({ permissions: z.unknown() }).parse(await readJson(req));
  return Response.json(await updateApi(runtime().database.prisma, params.id, { permissions: body.permissions }, actor));
});
