import { requestAddress } from "@/lib/account/current-password";
import { userRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { noStoreJson, readTwoFactorRequest, seeOther } from "@/lib/two-factor/account-requests";
import { refusedTwoFactorPassword } from "@/lib/two-factor/password-proof";
import { holdRecoveryCodes, replaceRecoveryCodes } from "@/lib/two-factor/store";

/**
 * POST { currentPassword }: ten new recovery codes; the old ones stop working (JSON: in the answer;
 * a form: shown once). A recovery code turns two-factor off, so the session alone must not mint them.
 */
export const POST = userRoute(async ({ req, user, locale }) => {
  const request = await readTwoFactorRequest(req, user);
  const rt = runtime();
  const db = rt.database.prisma;
  const refused = await refusedTwoFactorPassword(
    { db, sql: rt.sql },
    { user, action: "recovery_codes", ip: requestAddress(req) },
    request,
    locale,
  );
  if (refused) return refused;
  const codes = await replaceRecoveryCodes(db, user.id, { actor: { id: user.id, label: user.email } });
  if (!request.form) return noStoreJson({ recoveryCodes: codes });
  await holdRecoveryCodes(db, rt.kek, user.id, codes);
  return seeOther("/account/two-factor");
});
