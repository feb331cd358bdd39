import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/lib/runtime";
import { noStoreJson, readTwoFactorRequest, seeOther } from "@/lib/two-factor/account-requests";
import { confirmTotp, holdRecoveryCodes } from "@/lib/two-factor/store";

const confirmSchema = z.object({ code: z.string().max(20, "codeTooLong") });

/**
 * POST: the code from the app being added. Right: the app is on and ten recovery codes are made
 * (JSON: in the answer; a form: shown once by /account/two-factor). Wrong: 400 (a form: the page
 * again, saying so). No set-up started in the last 10 minutes: 404 (a form: back to /account,
 * saying to start again).
 */
export const POST = userRoute(async ({ req, user }) => {
  const { form, fields } = await readTwoFactorRequest(req, user);
  const { code } = confirmSchema.parse(fields);
  const rt = runtime();
  const db = rt.database.prisma;
  const codes = await confirmTotp(db, rt.kek, user.id, code, { actor: { id: user.id, label: user.email } }).catch(
    (error: unknown) => {
      if (form && error instanceof NotFoundError) return "expired" as const;
      throw error;
    },
  );
  if (codes === "expired") return seeOther("/account?two_factor=setup_expired");
  if (!codes) {
    if (form) return seeOther("/account/two-factor?error=invalid_code");
    return noStoreJson({ error: "invalid_code" }, 400);
  }
  if (!form) return noStoreJson({ recoveryCodes: codes });
  await holdRecoveryCodes(db, rt.kek, user.id, codes);
  return seeOther("/account/two-factor");
});
