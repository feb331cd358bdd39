import { IMPORT_BODY_LIMIT } from "@/lib/api/body-limit";
import { adminRoute, readJson } from "@/lib/api/route";
import { importApplications } from "@/lib/applications/transfer";
import { runtime } from "@/lib/runtime";

/** POST an export file (up to IMPORT_BODY_LIMIT bytes): creates or updates apps by client ID, all or nothing; idempotent. */
export const POST = adminRoute(async ({ req, actor }) => {
  const rt = runtime();
  const result = await importApplications(rt.database.prisma, await readJson(req, IMPORT_BODY_LIMIT), actor);
  rt.clients.invalidate();
  return Response.json(result);
});
