import { interactionPolicy, type KoaContextWithOIDC } from "oidc-provider";
import { mayUseApp } from "../apis/app-access";
import type { Db } from "../db/client";
import type { ClientStore } from "./client-store";

const { Check, Prompt } = interactionPolicy;

/** The prompt shown to a signed-in user the app's access rule leaves out (lib/oidc/interactions.ts). */
export const ACCESS_PROMPT = "access";

/** Whether the account may use the client under its app's access rule (built-in clients: always). */
export async function allowedByRule(db: Db, clients: ClientStore, clientId: string, accountId: string) {
  const record = await clients.find(clientId);
  if (!record || record.createdAt === 0) return true;
  return mayUseApp(db, record.applicationId, accountId);
}

/**
 * Who may sign in to an app: once the user is known, before consent and before any code, a user
 * without one of the app's roles is stopped here. The interaction page tells them so and sends
 * the app access_denied; with prompt=none the app gets access_denied at once.
 */
export function accessPrompt(db: Db, clients: ClientStore) {
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
        return (await allowedByRule(db, clients, clientId, accountId)) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
      },
    ),
  );
  return prompt;
}
