import type { DirectSql } from "../db/direct-sql";
import { parseTwoFactorPolicy, TWO_FACTOR_POLICY_KEY } from "../two-factor/policy";
import { asksForTwoFactor } from "./acr";
import type { ClientStore } from "./client-store";

export type TwoFactorRequirement = (params: Record<string, unknown>, clientId: string) => Promise<boolean>;

/**
 * Whether a sign-in must end with a second factor, whoever the user is: everyone must
 * (the console's policy is `required`), the app requires it (its "Require two-factor" setting),
 * or the request asks for it (acr_values, or an essential acr claim). Users who set up an app
 * are asked for it anyway; this decides whether those who have none must set one up.
 */
export function createTwoFactorRequirement(sql: DirectSql, clients: ClientStore): TwoFactorRequirement {
  return async (params, clientId) => {
    if (asksForTwoFactor(params)) return true;
    // The request has just loaded its client, so its record is normally cached.
    const record = clients.cached(clientId) ?? (await clients.find(clientId));
    if (record?.tokens.requireTwoFactor) return true;
    // Read each time (one primary-key lookup as a prepared statement, and only for a session or
    // a right password), so a change in the console holds at once on every instance.
    const [row] = await sql.all<{ value: string }>(`SELECT "value" FROM "ServerSetting" WHERE "key" = ?`, [
      TWO_FACTOR_POLICY_KEY,
    ]);
    return parseTwoFactorPolicy(row?.value) === "required";
  };
}
