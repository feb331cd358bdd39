import { adminRoute, readJson } from "@/lib/api/route";
import { importApplications } from "@/lib/applications/transfer";
import { runtime } from "@/lib/runtime";

/** POST an export file: creates or updates apps by client ID, all or nothing; idempotent. */
export const POST = adminRoute(async ({ req, actor }) => {
  const rt = runtime();
  const result = await importApplications(rt.database.prisma, await readJson(req), actor);
  rt.clients.invalidate();
  return Response.json(result);
});
