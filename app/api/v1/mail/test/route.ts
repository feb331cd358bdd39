import { adminRoute, HttpError, readJson } from "@/lib/api/route";
import { publicBaseUrl } from "@/lib/mail/links";
import { composeMail } from "@/lib/mail/messages";
import { runtime } from "@/lib/runtime";
import { mailTestSchema } from "@/lib/validation/mail";

/**
 * POST: sends a test email in the admin's language. A failure is a 502 naming the relay and its
 * answer (an admin is asking; the reason is what they need), bounded by SMTP_TIMEOUT_SECONDS.
 */
export const POST = adminRoute(async ({ req, locale }) => {
  const { to } = mailTestSchema.parse(await readJson(req));
  const rt = runtime();
  if (rt.mail.config.mode === "off")
    throw new HttpError(409, "Email is not configured", "Set SMTP_URL (see the README's Configuration) and restart.");
  const baseUrl = await publicBaseUrl(rt.database.prisma, rt.env);
  const result = await rt.mail.send(composeMail({ kind: "test", to, locale, baseUrl }));
  if (!result.ok) throw new HttpError(502, "Email not sent", `${rt.mail.describe}: ${result.error}`);
  return Response.json({ sent: true, to, relay: rt.mail.describe });
});
