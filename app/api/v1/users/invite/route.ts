import { inviteUser, MailOffError } from "@/lib/account-email/invite";
import { adminRoute, HttpError, readJson } from "@/lib/api/route";
import { publicBaseUrl } from "@/lib/mail/links";
import { runtime } from "@/lib/runtime";

/**
 * POST: creates the user and emails them an invitation to choose their password (in the
 * admin's language until the invitee has one). 201 with `emailSent`; when the relay refused,
 * `emailError` says why (the user exists: fix email, then set a password or delete and invite again).
 */
export const POST = adminRoute(async ({ req, actor, locale }) => {
  const rt = runtime();
  const body = await readJson(req);
  try {
    const baseUrl = await publicBaseUrl(rt.database.prisma, rt.env);
    const { user, email } = await inviteUser({ db: rt.database.prisma, mail: rt.mail, baseUrl }, body, actor, locale);
    return Response.json(
      { user, emailSent: email.ok, ...(email.ok ? {} : { emailError: email.error }) },
      { status: 201 },
    );
  } catch (error) {
    if (error instanceof MailOffError) throw new HttpError(409, "Email is not configured", error.message);
    throw error;
  }
});
