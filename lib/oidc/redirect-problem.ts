import type { KoaContextWithOIDC } from "oidc-provider";
import type { ErrorView } from "../provider-pages/data";
import type { ClientStore } from "./client-store";

/** The longest requested address the error page repeats (a URL is rarely longer; this one is untrusted). */
const MAX_SHOWN = 2000;

function requestedValue(ctx: KoaContextWithOIDC, name: "redirect_uri" | "client_id"): string | undefined {
  const fromParams = (ctx.oidc?.params as Record<string, unknown> | undefined)?.[name];
  const value = fromParams ?? ctx.query?.[name];
  return typeof value === "string" && value ? value : undefined;
}

/**
 * For an error page about a redirect URI: which address the app asked for (the page shows it as
 * text, for the app's administrator to register) and whether the app has any registered at all.
 * Never throws: the page must render even when the app cannot be read.
 */
export async function redirectProblem(
  ctx: KoaContextWithOIDC,
  clients: ClientStore,
): Promise<ErrorView["redirect"] | undefined> {
  const requested = requestedValue(ctx, "redirect_uri");
  const clientId = requestedValue(ctx, "client_id");
  const record = clientId ? await clients.find(clientId).catch(() => undefined) : undefined;
  if (!requested && !record) return undefined;
  const registered = record?.metadata.redirect_uris;
  return {
    ...(requested ? { requested: requested.slice(0, MAX_SHOWN) } : {}),
    ...(record ? { appName: record.branding.displayName || record.name } : {}),
    noneRegistered: Array.isArray(registered) && registered.length === 0,
  };
}
