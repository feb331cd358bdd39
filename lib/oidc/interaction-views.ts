import type Provider from "oidc-provider";
import type { AccountSummary, ClientSummary, ConsentApi, InteractionView } from "../provider-pages/data";
import { silentScopes, supportedScopes } from "./scopes";

type Details = Awaited<ReturnType<Provider["interactionDetails"]>>;
type ConsentDetails = {
  missingOIDCScope?: string[];
  missingOIDCClaims?: string[];
  missingResourceScopes?: Record<string, string[]>;
};
const oidcScopes = new Set(supportedScopes);
type Common = { uid: string; csrf: string; client: ClientSummary; account: AccountSummary };

/**
 * Where the user lands after the page, as they can judge it: the redirect URI's origin
 * (`https://wiki.example.com`), or for an app's own scheme (`com.example.app:/callback`) the scheme.
 */
export function returnAddress(redirectUri: unknown): string {
  if (typeof redirectUri !== "string") return "";
  try {
    const url = new URL(redirectUri);
    if (url.protocol === "https:" || url.protocol === "http:") return url.origin;
    return url.host ? `${url.protocol}//${url.host}` : url.protocol.slice(0, -1);
  } catch {
    return "";
  }
}

/**
 * What the consent page asks. Usually the scopes the app has not been granted yet. With
 * `prompt=consent` on a consent already remembered, nothing is missing: the page then lists
 * everything the app asks for, so the user sees what they are confirming.
 */
export function consentView(interaction: Details, common: Common, apis: ConsentApi[]): InteractionView {
  const { prompt, params } = interaction;
  const detail = prompt.details as ConsentDetails;
  const missing = detail.missingOIDCScope ?? [];
  const requested = requestedScopes(params.scope).filter((scope) => oidcScopes.has(scope));
  const again =
    prompt.reasons.includes("consent_prompt") &&
    missing.length === 0 &&
    !detail.missingOIDCClaims?.length &&
    !Object.values(detail.missingResourceScopes ?? {}).some((scopes) => scopes.length > 0);
  const asked = again ? requested : missing;
  return {
    kind: "consent",
    ...common,
    scopes: asked.filter((scope) => !silentScopes.has(scope)),
    offline: asked.includes("offline_access"),
    again,
    returnTo: returnAddress(params.redirect_uri),
    apis,
  };
}

export function requestedScopes(scope: unknown): string[] {
  return typeof scope === "string" ? scope.split(" ").filter(Boolean) : [];
}

/** The resource indicators an authorization request names (`resource=`, once or repeated). */
export function requestedResources(resource: unknown): string[] {
  if (typeof resource === "string") return [resource];
  return Array.isArray(resource) ? resource.filter((r): r is string => typeof r === "string") : [];
}

/** prompt=select_account with a session: who is signed in, and where the app sends them back. */
export function selectAccountView(interaction: Details, common: Common): InteractionView {
  return { kind: "select_account", ...common, returnTo: returnAddress(interaction.params.redirect_uri) };
}
