import { userRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { noStoreJson, readTwoFactorRequest, seeOther } from "@/lib/two-factor/account-requests";
import { TOTP_ISSUER } from "@/lib/two-factor/enrolment";
import { startTotp } from "@/lib/two-factor/store";
import { otpauthUri } from "@/lib/two-factor/totp";

/**
 * POST: start adding an authenticator app. A form goes on to /account/two-factor (the QR code);
 * JSON gets the secret and its otpauth:// URI. 409 when an app is already set up.
 */
export const POST = userRoute(async ({ req, user }) => {
  const { form } = await readTwoFactorRequest(req, user);
  const rt = runtime();
  const secret = await startTotp(rt.database.prisma, rt.kek, user.id);
  if (form) return seeOther("/account/two-factor");
  return noStoreJson({ secret, otpauthUri: otpauthUri(secret, TOTP_ISSUER, user.email) });
});
