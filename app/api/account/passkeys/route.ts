import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { HttpError, readJson, userRoute } from "@/lib/api/route";
import { PasskeyError, verifyRegistration } from "@/lib/passkeys/ceremonies";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { addPasskey } from "@/lib/passkeys/store";
import { runtime } from "@/lib/runtime";
import { noStoreJson } from "@/lib/two-factor/account-requests";
import { createPasskeySchema } from "@/lib/validation/passkey";

/** POST: the browser's new passkey for the signed-in account, checked against its challenge, then stored. */
export const POST = userRoute(async ({ req, user }) => {
  const input = createPasskeySchema.parse(await readJson(req));
  const rt = runtime();
  const db = rt.database.prisma;
  let passkey: Awaited<ReturnType<typeof verifyRegistration>>;
  try {
    passkey = await verifyRegistration(
      db,
      relyingParty(rt.env.APP_URL),
      user.id,
      input.response as RegistrationResponseJSON,
    );
  } catch (error) {
    if (!(error instanceof PasskeyError)) throw error;
    throw new HttpError(400, "Bad Request", "The passkey could not be verified. Try again.");
  }
  await addPasskey(db, user.id, passkey, input.name, { actor: { id: user.id, label: user.email } });
  return noStoreJson({ id: passkey.id, name: input.name }, 201);
});
