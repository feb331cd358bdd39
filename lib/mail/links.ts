import type { Db } from "../db/client";
import type { Env } from "../env";
import { configuredIssuer } from "../issuer";

/**
 * The public address links in emails start with: the issuer the server recorded at its start
 * (lib/issuer.ts), without its /oidc. Never a request's Host header, which whoever sends the
 * request chooses (host-header injection would mail users a link to someone else's site).
 */
export async function publicBaseUrl(db: Db, env: Env): Promise<string> {
  const { issuer } = await configuredIssuer(db, env);
  return issuer.replace(/\/oidc\/?$/, "");
}
