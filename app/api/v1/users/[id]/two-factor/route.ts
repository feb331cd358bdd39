import { adminRoute } from "@/lib/api/route";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/lib/runtime";
import { resetTwoFactor, twoFactorStatus } from "@/lib/two-factor/store";

async function existing(id: string) {
  const user = await runtime().database.prisma.user.findUnique({ where: { id }, select: { id: true } });
  if (!user) throw new NotFoundError("User");
  return user.id;
}

/** GET: the user's second factors (never a secret or a code). */
export const GET = adminRoute<{ id: string }>(async ({ params }) => {
  const status = await twoFactorStatus(runtime().database.prisma, await existing(params.id));
  return Response.json(status, { headers: { "cache-control": "no-store" } });
});

/** DELETE: removes the user's authenticator app, recovery codes and passkeys (a lost phone); audited. */
export const DELETE = adminRoute<{ id: string }>(async ({ params, actor }) => {
  await resetTwoFactor(runtime().database.prisma, await existing(params.id), { actor, passkeys: true });
  return new Response(null, { status: 204 });
});
