import { requestAddress } from "@/lib/account/current-password";
import { userRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { noStoreJson, readTwoFactorRequest, seeOther } from "@/lib/two-factor/account-requests";
import { TOTP_ISSUER } from "@/lib/two-factor/enrolment";
import { refusedTwoFactorPassword } from "@/lib/two-factor/password-proof";
import { startTotp } from "@/lib/two-factor/store";
import { otpauthUri } from "@/lib/two-factor/totp";

/**
 * POST { currentPassword }: start adding an authenticator app. A form goes on to
 * /account/two-factor (the QR code); JSON gets the secret and its otpauth:// URI. 409 when an app
 * is already set up. The password comes first: with the session alone, whoever sits at it could
 * enrol their own app and lock the owner out of signing in.
 */
export const POST = userRoute(async ({ req, user, locale }) => {
  const request = await readTwoFactorRequest(req, user);
  const rt = runtime();
  const db = rt.database.prisma;
  const refused = await refusedTwoFactorPassword(
    { db, sql: rt.sql },
    { user, action: "two_factor_setup", ip: requestAddress(req) },
    request,
    locale,
  );
  if (refused) return refused;
  const secret = await startTotp(db, rt.kek, user.id);
  if (request.form) return seeOther("/account/two-factor");
  return noStoreJson({ secret, otpauthUri: otpauthUri(secret, TOTP_ISSUER, user.email) });
});
