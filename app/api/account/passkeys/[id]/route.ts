import { readJson, userRoute } from "@/lib/api/route";
import { renamePasskey } from "@/lib/passkeys/store";
import { runtime } from "@/lib/runtime";
import { renamePasskeySchema } from "@/lib/validation/passkey";

/**
 * PATCH: renames one of the signed-in user's passkeys (harmless, so the session is enough).
 * Removing one asks for the current password: POST ./remove.
 */
export const PATCH = userRoute<{ id: string }>(async ({ req, params, user }) => {
  const { name } = renamePasskeySchema.parse(await readJson(req));
  await renamePasskey(runtime().database.prisma, user.id, params.id, name);
  return new Response(null, { status: 204 });
});
