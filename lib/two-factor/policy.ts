import { z } from "zod";
import type { Db } from "../db/client";

/**
 * Two-factor for everyone, set in the console: `off` (not offered on the account page; apps that
 * require it still have users set it up), `optional` (offered; asked at sign-in of those who set
 * it up), `required` (everyone sets it up at their next sign-in, within it).
 */
export const twoFactorPolicies = ["off", "optional", "required"] as const;
export type TwoFactorPolicy = (typeof twoFactorPolicies)[number];
export const twoFactorPolicySchema = z.enum(twoFactorPolicies, { message: "twoFactorPolicy" });
export const DEFAULT_TWO_FACTOR_POLICY: TwoFactorPolicy = "optional";

/** The ServerSetting row that holds the policy (shared by every instance). */
export const TWO_FACTOR_POLICY_KEY = "two_factor_policy";
const KEY = TWO_FACTOR_POLICY_KEY;

/** The stored value as a policy; anything unreadable is the default. */
export function parseTwoFactorPolicy(value: unknown): TwoFactorPolicy {
  const parsed = twoFactorPolicySchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_TWO_FACTOR_POLICY;
}

export async function readTwoFactorPolicy(db: Db): Promise<TwoFactorPolicy> {
  const row = await db.serverSetting.findUnique({ where: { key: KEY } });
  return parseTwoFactorPolicy(row?.value);
}

export async function writeTwoFactorPolicy(db: Pick<Db, "serverSetting">, policy: TwoFactorPolicy) {
  await db.serverSetting.upsert({
    where: { key: KEY },
    create: { key: KEY, value: policy },
    update: { value: policy },
  });
}
