import { requestAddress } from "@/lib/account/current-password";
import { refusedPasswordProof } from "@/lib/account/password-proof";
import { readJson, userRoute } from "@/lib/api/route";
import { registrationOptions } from "@/lib/passkeys/ceremonies";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { runtime } from "@/lib/runtime";
import { noStoreJson } from "@/lib/two-factor/account-requests";

/**
 * POST { currentPassword }: options (and a fresh single-use challenge) for adding a passkey to the
 * signed-in account. The challenge is issued only after the password checks out, and the finishing
 * POST accepts only such a challenge: a session left open is not enough to add a passkey.
 */
export const POST = userRoute(async ({ req, user, locale }) => {
  const rt = runtime();
  const db = rt.database.prisma;
  const refused = await refusedPasswordProof(
    { db, sql: rt.sql },
    { user, action: "passkey_add", ip: requestAddress(req) },
    await readJson(req),
    locale,
  );
  if (refused) return refused;
  const account = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } });
  const options = await registrationOptions(db, relyingParty(rt.env.APP_URL), {
    id: user.id,
    email: user.email,
    name: account.name,
  });
  return noStoreJson(options);
});
