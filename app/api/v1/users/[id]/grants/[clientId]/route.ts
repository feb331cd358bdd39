import { adminRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { revokeUserGrant } from "@/lib/users/admin";

/** Revokes what a user granted an app: its refresh tokens fail at once, consent is asked again. */
export const DELETE = adminRoute<{ id: string; clientId: string }>(async ({ params, actor }) => {
  await revokeUserGrant(runtime().database.prisma, params.id, params.clientId, actor);
  return new Response(null, { status: 204 });
});
