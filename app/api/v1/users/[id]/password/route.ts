import { adminRoute, readJson } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { setUserPassword } from "@/lib/users/admin";

/** PUT: sets a new password; the value is neither stored in plain text nor returned. */
export const PUT = adminRoute<{ id: string }>(async ({ req, params, actor }) => {
  await setUserPassword(runtime().database.prisma, params.id, await readJson(req), actor);
  return new Response(null, { status: 204 });
});
