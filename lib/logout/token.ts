import type Provider from "oidc-provider";
import type { LogoutTarget } from "./queue";

export const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

/**
 * A logout token (Back-Channel Logout 1.0 §2.4) for one delivery, signed now with the provider's
 * current key the way it signs the app's ID tokens: `typ: logout+jwt`, `iss`, `aud`, `iat`, `exp`
 * (two minutes), the delivery's `jti` (the same on every attempt, so the app can drop a
 * duplicate), `events`, `sub`, and `sid` when the app wants sessions named. Never a `nonce`.
 * Returns undefined when the provider no longer knows the client.
 */
export async function signLogoutToken(
  provider: Provider,
  delivery: LogoutTarget & { id: string },
): Promise<string | undefined> {
  const client = await provider.Client.find(delivery.clientId);
  if (!client) return undefined;
  const token = new provider.IdToken({}, { client });
  token.set("sub", delivery.subject);
  token.set("events", { [LOGOUT_EVENT]: {} });
  token.set("jti", delivery.id);
  if (delivery.sessionId) token.set("sid", delivery.sessionId);
  return token.issue({ use: "logout" });
}
