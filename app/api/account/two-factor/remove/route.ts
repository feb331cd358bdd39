import { HttpError, userRoute } from "@/lib/api/route";
import { runtime } from "@/lib/runtime";
import { readTwoFactorRequest, seeOther } from "@/lib/two-factor/account-requests";
import { readTwoFactorPolicy } from "@/lib/two-factor/policy";
import { resetTwoFactor } from "@/lib/two-factor/store";

/** POST: the user turns two-factor off (not while everyone is required to have it). */
export const POST = userRoute(async ({ req, user }) => {
  const { form } = await readTwoFactorRequest(req, user);
  const db = runtime().database.prisma;
  if ((await readTwoFactorPolicy(db)) === "required") {
    throw new HttpError(409, "Conflict", "Two-factor is required for every account; it cannot be turned off.");
  }
  await resetTwoFactor(db, user.id, { actor: { id: user.id, label: user.email } });
  return form ? seeOther("/account?two_factor=removed") : new Response(null, { status: 204 });
});
