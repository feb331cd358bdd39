/**
 * Whether an authorization request must carry a PKCE challenge (RFC 9700 §2.1.1). Public clients
 * always must. A confidential client may instead protect an OpenID request (scope has `openid`)
 * with a `nonce`, as Apache's mod_auth_openidc and many other service providers do by default,
 * unless its app says "always require PKCE".
 *
 * The rest of the policy is oidc-provider's own (9.x, lib/actions/authorization/sender_constraints.js
 * and lib/helpers/pkce.js): only S256 is accepted, never `plain`; a code issued for a challenge
 * needs its verifier at the token endpoint, and a verifier sent for a code issued without a
 * challenge is refused, so a request can be downgraded neither way.
 */
export function pkceRequired(
  params: { scope?: unknown; nonce?: unknown },
  client: { confidential: boolean; alwaysRequirePkce: boolean },
): boolean {
  if (!client.confidential || client.alwaysRequirePkce) return true;
  const openid = typeof params.scope === "string" && params.scope.split(" ").includes("openid");
  const nonce = typeof params.nonce === "string" && params.nonce !== "";
  return !(openid && nonce);
}
