import { adminRoute } from "@/lib/api/route";
import { deleteSecret } from "@/lib/applications/secrets";
import { runtime } from "@/lib/runtime";

export const DELETE = adminRoute<{ id: string; secretId: string }>(async ({ params, actor }) => {
  const rt = runtime();
  const { clientId } = await deleteSecret(rt.database.prisma, params.id, params.secretId, actor);
  rt.clients.invalidate(clientId);
  return new Response(null, { status: 204 });
});
