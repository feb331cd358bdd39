import { sendVerification } from "@/lib/account-email/verify";
import { adminRoute, HttpError } from "@/lib/api/route";
import { publicBaseUrl } from "@/lib/mail/links";
import { runtime } from "@/lib/runtime";

/** POST: emails the user a link that verifies their current address; 202 with what the relay said. */
export const POST = adminRoute<{ id: string }>(async ({ params, locale }) => {
  const rt = runtime();
  if (rt.mail.config.mode === "off")
    throw new HttpError(409, "Email is not configured", "Set SMTP_URL (see the README's Configuration) and restart.");
  const baseUrl = await publicBaseUrl(rt.database.prisma, rt.env);
  const sent = await sendVerification({ db: rt.database.prisma, mail: rt.mail, baseUrl }, params.id, locale);
  return Response.json({ emailSent: sent.ok, ...(sent.ok ? {} : { emailError: sent.error }) }, { status: 202 });
});
