import { adminRoute, readJson } from "@/lib/api/route";
import { createSecret } from "@/lib/applications/secrets";
import { runtime } from "@/lib/runtime";

/** Adds a client secret; the plain value is in this response only. */
export const POST = adminRoute<{ id: string }>(async ({ req, params, actor }) => {
  const rt = runtime();
  const { secret, value, clientId } = await createSecret(rt.database.prisma, params.id, await readJson(req), actor);
  rt.clients.invalidate(clientId);
  return Response.json({ ...secret, value }, { status: 201, headers: { "cache-control": "no-store" } });
});
