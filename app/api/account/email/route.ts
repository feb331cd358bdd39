import { requestAddress } from "@/lib/account/current-password";
import { requestEmailChange } from "@/lib/account/edits";
import { backToAccount, readAccountForm } from "@/lib/account/forms";
import { userRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";

/**
 * POST (a plain form from /account): a new address, with the current password. A link goes to
 * the new address and the current one is told; the change waits for the link.
 */
export const POST = userRoute(async ({ req, user, locale }) => {
  const fields = await readAccountForm(req, user.id);
  const rt = runtime();
  const ip = requestAddress(req);
  const deps = { db: rt.database.prisma, sql: rt.sql, mail: rt.mail, baseUrl: rt.env.APP_URL, locale, ip };
  const outcome = await requestEmailChange(deps, user, fields);
  if ("errors" in outcome) return backToAccount("email", outcome.errors, { email: fields.email ?? "" });
  return backToAccount("email");
});
