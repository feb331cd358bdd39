import { interactionPolicy, type KoaContextWithOIDC } from "oidc-provider";
import type { DirectSql } from "../db/direct-sql";
import type { ClientStore } from "./client-store";

const { Check, Prompt } = interactionPolicy;

/** The prompt shown to a signed-in user the app's access rule leaves out (lib/oidc/interactions.ts). */
export const ACCESS_PROMPT = "access";

/**
 * Whether the account may use the client under its app's access rule (built-in clients: always):
 * the app names no role, or the user holds one it names. Asked several times in every sign-in, so
 * in one prepared statement (lib/db/direct-sql.ts; the console's form is mayUseApp).
 */
export async function allowedByRule(sql: DirectSql, clients: ClientStore, clientId: string, accountId: string) {
  const record = await clients.find(clientId);
  if (!record || record.createdAt === 0) return true;
  const [row] = await sql.all<{ rules: number | string; held: number | string }>(
    `SELECT (SELECT COUNT(*) FROM "AppAccessRole" WHERE "applicationId" = ?) AS "rules",
      (SELECT COUNT(*) FROM "AppAccessRole" AS a JOIN "UserRole" AS u ON u."roleId" = a."roleId"
        WHERE a."applicationId" = ? AND u."userId" = ?) AS "held"`,
    [record.applicationId, record.applicationId, accountId],
  );
  // PostgreSQL counts in bigint, which pg returns as a string.
  return Number(row?.rules ?? 0) === 0 || Number(row?.held ?? 0) > 0;
}

/**
 * Who may sign in to an app: once the user is known, before consent and before any code, a user
 * without one of the app's roles is stopped here. The interaction page tells them so and sends
 * the app access_denied; with prompt=none the app gets access_denied at once.
 */
export function accessPrompt(sql: DirectSql, clients: ClientStore) {
  const prompt = new Prompt({ name: ACCESS_PROMPT, requestable: false });
  prompt.checks.add(
    new Check(
      "access_rule",
      "the End-User may not use this client",
      "access_denied",
      async (ctx: KoaContextWithOIDC) => {
        const accountId = ctx.oidc.session?.accountId;
        const clientId = ctx.oidc.client?.clientId;
        if (!accountId || !clientId) return Check.NO_NEED_TO_PROMPT;
        return (await allowedByRule(sql, clients, clientId, accountId))
          ? Check.NO_NEED_TO_PROMPT
          : Check.REQUEST_PROMPT;
      },
    ),
  );
  return prompt;
}
