import { readJson, userRoute } from "@/lib/api/route";
import { removePasskey, renamePasskey } from "@/lib/passkeys/store";
import { runtime } from "@/lib/runtime";
import { renamePasskeySchema } from "@/lib/validation/passkey";

/** PATCH: renames one of the signed-in user's passkeys. */
export const PATCH = userRoute<{ id: string }>(async ({ req, params, user }) => {
  const { name } = renamePasskeySchema.parse(await readJson(req));
  await renamePasskey(runtime().database.prisma, user.id, params.id, name);
  return new Response(null, { status: 204 });
});

/** DELETE: removes one of the signed-in user's passkeys; audited. */
export const DELETE = userRoute<{ id: string }>(async ({ params, user }) => {
  await removePasskey(runtime().database.prisma, user.id, params.id, { actor: { id: user.id, label: user.email } });
  return new Response(null, { status: 204 });
});
