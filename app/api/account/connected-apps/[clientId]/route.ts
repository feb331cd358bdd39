import { userRoute } from "@/lib/api/route";
import { revokeConnectedApp } from "@/lib/grants/service";
import { runtime } from "@/lib/runtime";

/** DELETE: the signed-in user takes back what they granted an app. */
export const DELETE = userRoute<{ clientId: string }>(async ({ params, user }) => {
  const rt = runtime();
  await revokeConnectedApp(rt.database.prisma, user.id, params.clientId);
  rt.log.info("grant revoked", { userId: user.id, clientId: params.clientId, by: "user" });
  return new Response(null, { status: 204 });
});
