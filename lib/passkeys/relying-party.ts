/**
 * Who passkeys are made for (the WebAuthn relying party): the host of APP_URL, the public address
 * the sign-in pages are served at (ISSUER is APP_URL + "/oidc", so the same host). Browsers bind a
 * passkey to this RP ID: moving Latchkey to another host leaves its users' passkeys behind.
 */
export type RelyingParty = { id: string; origin: string; name: string };

export function relyingParty(appUrl: string): RelyingParty {
  const url = new URL(appUrl);
  return { id: url.hostname, origin: url.origin, name: "Latchkey" };
}
