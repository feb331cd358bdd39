import { userRoute } from "@/lib/api/route";
import { registrationOptions } from "@/lib/passkeys/ceremonies";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { runtime } from "@/lib/runtime";
import { noStoreJson } from "@/lib/two-factor/account-requests";

/** POST: options (and a fresh single-use challenge) for adding a passkey to the signed-in account. */
export const POST = userRoute(async ({ user }) => {
  const rt = runtime();
  const db = rt.database.prisma;
  const account = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } });
  const options = await registrationOptions(db, relyingParty(rt.env.APP_URL), {
    id: user.id,
    email: user.email,
    name: account.name,
  });
  return noStoreJson(options);
});
