import type { PkcePolicy } from "../validation/application-rules";

/**
 * Whether an authorization request must carry a PKCE challenge (RFC 9700 §2.1.1). Public clients
 * always must. A confidential client follows its app's policy: "required", PKCE every time;
 * "pkce_or_nonce" (the default), PKCE or, on an OpenID request (scope has `openid`), a `nonce`, as
 * Apache's mod_auth_openidc and many other service providers send; "not_required", neither, for
 * older services that protect their callback only with `state` (Outline).
 *
 * The rest of the policy is oidc-provider's own (9.x, lib/actions/authorization/sender_constraints.js
 * and lib/helpers/pkce.js), whatever the app's policy: only S256 is accepted, never `plain`; a code
 * issued for a challenge needs its verifier at the token endpoint, and a verifier sent for a code
 * issued without a challenge is refused, so a request can be downgraded neither way.
 */
export function pkceRequired(
  params: { scope?: unknown; nonce?: unknown },
  client: { confidential: boolean; policy: PkcePolicy },
): boolean {
  if (!client.confidential || client.policy === "required") return true;
  if (client.policy === "not_required") return false;
  const openid = typeof params.scope === "string" && params.scope.split(" ").includes("openid");
  const nonce = typeof params.nonce === "string" && params.nonce !== "";
  return !(openid && nonce);
}
