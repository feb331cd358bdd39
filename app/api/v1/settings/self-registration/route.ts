import { adminRoute, HttpError, readJson } from "@/lib/api/route";
import { recordAudit } from "@/lib/audit/record";
import { readSelfRegistration, writeSelfRegistration } from "@/lib/registration/setting";
import { runtime } from "@/lib/runtime";
import { selfRegistrationInput } from "@/lib/validation/registration";

/** GET: whether people may create their own accounts from the sign-in page. */
export const GET = adminRoute(async () => {
  const enabled = await readSelfRegistration(runtime().database.prisma);
  return Response.json({ enabled }, { headers: { "cache-control": "no-store" } });
});

/**
 * PUT: switches it, audited in the same transaction. Switching it on without email is refused
 * (409): a sign-up is only finished by the link sent to its address.
 */
export const PUT = adminRoute(async ({ req, actor }) => {
  const { enabled } = selfRegistrationInput.parse(await readJson(req));
  const rt = runtime();
  if (enabled && rt.mail.config.mode === "off") {
    throw new HttpError(
      409,
      "Conflict",
      "Self-registration needs email: set SMTP_URL (or SMTP_URL=log to try it) first.",
    );
  }
  const db = rt.database.prisma;
  const before = await readSelfRegistration(db);
  await db.$transaction(async (tx) => {
    await writeSelfRegistration(tx, enabled);
    if (before !== enabled) {
      await recordAudit(tx, {
        type: "registration.setting_set",
        actor,
        before: { enabled: before },
        after: { enabled },
      });
    }
  });
  return Response.json({ enabled });
});
