import { changeProfile } from "@/lib/account/edits";
import { backToAccount, readAccountForm } from "@/lib/account/forms";
import { userRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";

/** POST (a plain form from /account): the user's own display, given and family names. */
export const POST = userRoute(async ({ req, user }) => {
  const fields = await readAccountForm(req, user.id);
  const outcome = await changeProfile(runtime().database.prisma, user, fields);
  if ("errors" in outcome) {
    const { name = "", givenName = "", familyName = "" } = fields;
    return backToAccount("profile", outcome.errors, { name, givenName, familyName });
  }
  return backToAccount("profile");
});
