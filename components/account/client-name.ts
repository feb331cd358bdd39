import { useTranslations } from "next-intl";
import { ACCOUNT_CLIENT_ID, CONSOLE_CLIENT_ID } from "@/lib/console/client-id";

const builtIn = new Map([
  [ACCOUNT_CLIENT_ID, "account"],
  [CONSOLE_CLIENT_ID, "console"],
] as const);

/** Latchkey's own clients' key in the `account.builtInClients` catalog; undefined for an app. */
export function builtInClientKey(clientId: string | undefined) {
  return clientId ? builtIn.get(clientId as typeof ACCOUNT_CLIENT_ID) : undefined;
}

/**
 * The name a page shows for a client: Latchkey's own clients (the account page, the console)
 * in the reader's language, any other app by the name its admin gave it.
 */
export function useClientName() {
  const t = useTranslations("account.builtInClients");
  return function clientName<N extends string | undefined>(clientId: string | undefined, name: N): N | string {
    const key = builtInClientKey(clientId);
    return key ? t(key) : name;
  };
}
