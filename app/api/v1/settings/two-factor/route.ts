import { adminRoute, readJson } from "@/lib/api/route";
import { recordAudit } from "@/lib/audit/record";
import { runtime } from "@/lib/runtime";
import { readTwoFactorPolicy, writeTwoFactorPolicy } from "@/lib/two-factor/policy";
import { twoFactorSettingsInput } from "@/lib/validation/two-factor";

/** GET: two-factor for everyone (off, optional or required). */
export const GET = adminRoute(async () => {
  const policy = await readTwoFactorPolicy(runtime().database.prisma);
  return Response.json({ policy }, { headers: { "cache-control": "no-store" } });
});

/** PUT: sets it, audited in the same transaction; every instance follows within seconds. */
export const PUT = adminRoute(async ({ req, actor }) => {
  const { policy } = twoFactorSettingsInput.parse(await readJson(req));
  const db = runtime().database.prisma;
  const before = await readTwoFactorPolicy(db);
  await db.$transaction(async (tx) => {
    await writeTwoFactorPolicy(tx, policy);
    if (before !== policy) {
      await recordAudit(tx, { type: "two_factor.policy_set", actor, before: { policy: before }, after: { policy } });
    }
  });
  return Response.json({ policy });
});
