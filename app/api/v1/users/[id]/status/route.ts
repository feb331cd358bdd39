import { adminRoute, readJson } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { setUserStatus } from "@/lib/users/admin";
import { userStatusSchema } from "@/lib/validation/user";

/** PUT { status: "suspended" | "active" }: suspension ends every session, grant and token at once. */
export const PUT = adminRoute<{ id: string }>(async ({ req, params, actor }) => {
  const { status } = userStatusSchema.parse(await readJson(req));
  return Response.json(await setUserStatus(runtime().database.prisma, params.id, status, actor));
});
