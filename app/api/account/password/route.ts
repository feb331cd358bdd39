import { requestAddress } from "@/lib/account/current-password";
import { changePassword } from "@/lib/account/edits";
import { backToAccount, currentSessionRow, readAccountForm } from "@/lib/account/forms";
import { userRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";

/**
 * POST (a plain form from /account): a new password, with the current one. The user stays signed
 * in here; every other session and token of theirs ends (see changePassword).
 */
export const POST = userRoute(async ({ req, user, locale }) => {
  const fields = await readAccountForm(req, user.id);
  const rt = runtime();
  const ip = requestAddress(req);
  const deps = { db: rt.database.prisma, sql: rt.sql, mail: rt.mail, baseUrl: rt.env.APP_URL, locale, ip };
  const outcome = await changePassword(deps, user, fields, await currentSessionRow(req));
  return backToAccount("password", "errors" in outcome ? outcome.errors : undefined);
});
