import { requestAddress } from "@/lib/account/current-password";
import { refusedPasswordProof } from "@/lib/account/password-proof";
import { readJson, userRoute } from "@/lib/api/route";
import { removePasskey } from "@/lib/passkeys/store";
import { runtime } from "@/lib/runtime";

/**
 * POST { currentPassword }: removes one of the signed-in user's passkeys; audited. A POST with a
 * body rather than a DELETE (whose body has no defined meaning, RFC 9110 §9.3.5): the password
 * must travel with it, so a session left open cannot take the owner's passkeys away.
 */
export const POST = userRoute<{ id: string }>(async ({ req, params, user, locale }) => {
  const rt = runtime();
  const db = rt.database.prisma;
  const refused = await refusedPasswordProof(
    { db, sql: rt.sql },
    { user, action: "passkey_remove", ip: requestAddress(req) },
    await readJson(req),
    locale,
  );
  if (refused) return refused;
  await removePasskey(db, user.id, params.id, { actor: { id: user.id, label: user.email } });
  return new Response(null, { status: 204 });
});
