import { HttpError, publicRoute, readJson } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { countAdmins, createFirstAdmin } from "@/lib/users/service";

/**
 * POST /api/setup: creates the first admin. Open to anyone, but only while the database holds
 * no admin at all (afterwards 409), and only from this site's own pages.
 */
export const POST = publicRoute(async ({ req }) => {
  const rt = runtime();
  if ((await countAdmins(rt.database.prisma)) > 0) throw new HttpError(409, "Conflict", "An admin already exists.");
  const admin = await createFirstAdmin(rt.database.prisma, await readJson(req));
  rt.log.info("first admin created", { userId: admin.id });
  return Response.json({ email: admin.email }, { status: 201 });
});
