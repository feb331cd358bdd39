import { getTranslations } from "next-intl/server";
import { ACCOUNT_CLIENT_ID, CONSOLE_CLIENT_ID } from "@/lib/console/client-id";

const builtIn = new Map([
  [ACCOUNT_CLIENT_ID, "account"],
  [CONSOLE_CLIENT_ID, "console"],
] as const);

/**
 * The name a page shows for a client: Latchkey's own clients (the account page, the console)
 * in the reader's language, any other app by the name its admin gave it.
 */
export async function clientDisplayName<N extends string | undefined>(
  clientId: string | undefined,
  name: N,
): Promise<N | string> {
  const key = clientId ? builtIn.get(clientId as typeof ACCOUNT_CLIENT_ID) : undefined;
  if (!key) return name;
  const t = await getTranslations("account.builtInClients");
  return t(key);
}
