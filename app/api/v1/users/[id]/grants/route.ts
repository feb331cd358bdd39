import { adminRoute } from "@/lib/api/route";
import { listConnectedApps } from "@/lib/grants/connected-apps";
import { runtime } from "@/lib/runtime";
import { getUser } from "@/lib/users/admin";

/** The third-party apps a user authorized. */
export const GET = adminRoute<{ id: string }>(async ({ params }) => {
  const db = runtime().database.prisma;
  await getUser(db, params.id);
  return Response.json(await listConnectedApps(db, params.id));
});
