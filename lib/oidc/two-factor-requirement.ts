import type { Db } from "../db/client";
import { readTwoFactorPolicy, type TwoFactorPolicy } from "../two-factor/policy";
import { asksForTwoFactor } from "./acr";

/** How long an instance trusts the policy it read: a console change reaches every instance this fast. */
const POLICY_TTL_MS = 5_000;

export type TwoFactorRequirement = (params: Record<string, unknown>, clientId: string) => Promise<boolean>;

/**
 * Whether a sign-in must end with a second factor, whoever the user is: everyone must
 * (the console's policy is `required`), or the request asks for it (acr_values, or an
 * essential acr claim). Users who set up an app are asked for it anyway; this decides whether
 * those who have none must set one up.
 */
export function createTwoFactorRequirement(db: Db): TwoFactorRequirement {
  let cached: { policy: TwoFactorPolicy; until: number } | undefined;
  async function policy(): Promise<TwoFactorPolicy> {
    if (cached && cached.until > Date.now()) return cached.policy;
    const read = await readTwoFactorPolicy(db);
    cached = { policy: read, until: Date.now() + POLICY_TTL_MS };
    return read;
  }
  return async (params) => {
    if (asksForTwoFactor(params)) return true;
    return (await policy()) === "required";
  };
}
