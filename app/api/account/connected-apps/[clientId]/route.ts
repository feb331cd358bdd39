import { userRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { revokeUserGrant } from "@/lib/users/admin";

/** DELETE: the signed-in user takes back what they granted an app. */
export const DELETE = userRoute<{ clientId: string }>(async ({ params, user }) => {
  await revokeUserGrant(runtime().database.prisma, user.id, params.clientId, { id: user.id, label: user.email });
  return new Response(null, { status: 204 });
});
