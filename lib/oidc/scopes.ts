/** The claims each scope releases, as OpenID Connect Core section 5.4 defines them. */
export const scopeClaims = {
  openid: ["sub"],
  profile: ["name", "picture", "updated_at"],
  email: ["email", "email_verified"],
  phone: ["phone_number", "phone_number_verified"],
  address: ["address"],
} as const;

export type UserScope = Exclude<keyof typeof scopeClaims, "openid">;

/** The scopes that release user data: what a third-party app's permissions choose from. */
export const userScopes: UserScope[] = ["profile", "email", "phone", "address"];

export const supportedScopes = ["openid", "offline_access", ...Object.keys(scopeClaims).filter((s) => s !== "openid")];

/** The scope the management API's access tokens carry (client_credentials). */
export const managementScope = "management";

/** Scopes that are never shown on the consent page: they are implied by signing in at all. */
export const silentScopes = new Set(["openid", "offline_access"]);
