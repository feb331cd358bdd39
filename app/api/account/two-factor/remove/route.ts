import { z } from "zod";
import { HttpError, userRoute } from "@/lib/api/route";
import { recordAudit } from "@/lib/audit/record";
import { SignInThrottle } from "@/lib/auth/throttle";
import { runtime } from "@/lib/runtime";
import { noStoreJson, readTwoFactorRequest, seeOther } from "@/lib/two-factor/account-requests";
import { readTwoFactorPolicy } from "@/lib/two-factor/policy";
import { checkSecondFactor, resetTwoFactor } from "@/lib/two-factor/store";

const removeSchema = z.object({ code: z.string().trim().max(40, "codeTooLong").default("") });

/**
 * POST: the user turns two-factor off (not while everyone is required to have it), proving it
 * with a current code from the app or a recovery code: a session left open is not enough to
 * take the second factor away. Wrong codes count toward the same limit as at sign-in.
 */
export const POST = userRoute(async ({ req, user }) => {
  const { form, fields } = await readTwoFactorRequest(req, user);
  const { code } = removeSchema.parse(fields);
  const rt = runtime();
  const db = rt.database.prisma;
  if ((await readTwoFactorPolicy(db)) === "required") {
    throw new HttpError(409, "Conflict", "Two-factor is required for every account; it cannot be turned off.");
  }
  const actor = { id: user.id, label: user.email };
  const throttle = new SignInThrottle(rt.sql);
  const outcome = await throttle.attempt(`account:${user.id}`, `second-factor:${user.id}`, async () =>
    code ? checkSecondFactor(db, rt.kek, user.id, code) : undefined,
  );
  const refused = "retryAfterMs" in outcome ? "too_many_attempts" : outcome.result ? undefined : "invalid_code";
  if (refused) {
    if (refused === "invalid_code") {
      await recordAudit(db, { type: "two_factor.failed", actor, userId: user.id, after: { at: "account" } });
    }
    if (form) return seeOther(`/account?two_factor=${refused}#two-factor`);
    return noStoreJson({ error: refused }, refused === "invalid_code" ? 400 : 429);
  }
  await resetTwoFactor(db, user.id, { actor });
  return form ? seeOther("/account?two_factor=removed") : new Response(null, { status: 204 });
});
