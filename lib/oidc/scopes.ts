/**
 * The claims each scope releases, as OpenID Connect Core section 5.4 defines them (those of
 * §5.1 that Latchkey keeps; a claim a user has not set is left out, never sent empty).
 */
export const scopeClaims = {
  openid: ["sub"],
  profile: ["name", "given_name", "family_name", "preferred_username", "picture", "zoneinfo", "locale", "updated_at"],
  email: ["email", "email_verified"],
  phone: ["phone_number", "phone_number_verified"],
  address: ["address"],
  // Not in OpenID Connect Core: the names of the roles the user holds (console Roles), for
  // services that map roles to their own groups or permissions.
  roles: ["roles"],
} as const;

export type UserScope = Exclude<keyof typeof scopeClaims, "openid">;

/** The scopes that release user data: what a third-party app's permissions choose from. */
export const userScopes: UserScope[] = ["profile", "email", "phone", "address", "roles"];

export const supportedScopes = ["openid", "offline_access", ...Object.keys(scopeClaims).filter((s) => s !== "openid")];

/** The scope the management API's access tokens carry (client_credentials). */
export const managementScope = "management";

/** Scopes that are never shown on the consent page: they are implied by signing in at all. */
export const silentScopes = new Set(["openid", "offline_access"]);
