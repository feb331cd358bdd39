import { userRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { noStoreJson, readTwoFactorRequest, seeOther } from "@/lib/two-factor/account-requests";
import { holdRecoveryCodes, replaceRecoveryCodes } from "@/lib/two-factor/store";

/** POST: ten new recovery codes; the old ones stop working (JSON: in the answer; a form: shown once). */
export const POST = userRoute(async ({ req, user }) => {
  const { form } = await readTwoFactorRequest(req, user);
  const rt = runtime();
  const db = rt.database.prisma;
  const codes = await replaceRecoveryCodes(db, user.id, { actor: { id: user.id, label: user.email } });
  if (!form) return noStoreJson({ recoveryCodes: codes });
  await holdRecoveryCodes(db, rt.kek, user.id, codes);
  return seeOther("/account/two-factor");
});
