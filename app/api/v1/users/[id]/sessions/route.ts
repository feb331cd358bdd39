import { adminRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { endUserSessions } from "@/lib/users/admin";

/** DELETE: signs the user out everywhere; the apps they were signed in to get logout tokens. */
export const DELETE = adminRoute<{ id: string }>(async ({ params, actor }) => {
  await endUserSessions(runtime().database.prisma, params.id, actor);
  return new Response(null, { status: 204 });
});
