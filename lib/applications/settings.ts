import { z } from "zod";
import { DEVICE_CODE_GRANT } from "../oidc/device-grant";
import { managementScope } from "../oidc/scopes";
import {
  allowedScopeList,
  appDescription,
  appName,
  backchannelLogoutUri,
  brandingText,
  flag,
  lifetime,
  originList,
  type PkcePolicy,
  pageUrl,
  pkcePolicy,
  redirectUriList,
  tokenAuthMethod,
  tokenLimits,
} from "../validation/application-rules";
import { type Jwks, jwksSchema, jwksUriSchema } from "../validation/jwks";
import { type ApplicationType, applicationTypes, hasClientSecret } from "./types";

/**
 * Every setting of an application, declared once. The API's view and schemas, the OpenAPI
 * document, export and import, the provider's client records, the CLI's flags and a new app's
 * defaults are all derived from this table (see lib/applications/settings-derived.ts and
 * CONTRIBUTING.md for the recipe to add one).
 */
type Spec<V> = {
  /** The value as the API and the console show it (the response schema). */
  view: z.ZodType<V>;
  /** What a create or an update accepts, for a type the setting applies to. */
  input: z.ZodType | ((type: ApplicationType) => z.ZodType);
  /** The types the setting means something for; the others refuse it with `refusal`. */
  appliesTo: readonly ApplicationType[];
  refusal?: "thirdPartyOnly" | "confidentialOnly" | "webAppsOnly" | "nativeOnly" | "signInAppsOnly";
  /** How the Application row keeps it: as is, a list as JSON text, or a JSON document (null for none). */
  stored: "plain" | "json" | "document";
  /** Whether `apps export` carries it (an export must recreate the app, and holds no secret). */
  exported: boolean;
  /**
   * What the provider makes of it: an oidc-provider client metadata key (`toMetadata` converts
   * the value; undefined leaves the key out), a group of the client record that Latchkey's
   * provider configuration reads, or "console" when only the console and the API show it.
   */
  client:
    | "console"
    | {
        metadata?: string;
        /** `settings`: all of the app's settings, for metadata that depends on another one. */
        toMetadata?: (value: V, type: ApplicationType, settings: AnySettings) => unknown;
        record?: Group;
      };
  /** What a new application starts with: the column's default in prisma/models.prisma. */
  default: V;
  /** A valid value other than the default (the unit tests round-trip it). */
  example: V;
  /** The `apps create` / `apps update` flag (a list flag is given once per item). */
  cli: { flag: string; kind: "text" | "list" | "boolean" | "seconds" | "jsonFile" };
  /** How the stored value reads for a type, when some of it means nothing for that type. */
  read?: (stored: V, type: ApplicationType) => V;
};

/** All of an app's settings, as a metadata conversion may read them. */
type AnySettings = Readonly<Record<string, unknown>>;

/** The parts of a client record (lib/oidc/client-store.ts) the provider's hooks read. */
type Group = "tokens" | "branding" | "cors" | "scopes";

function setting<V, const C extends Spec<V>["client"]>(spec: Spec<V> & { client: C }) {
  return spec;
}

const all = applicationTypes;
const thirdParty = ["third-party"] as const;
const confidential = applicationTypes.filter(hasClientSecret);
/** Apps with a server of their own that keeps users' sessions (back-channel logout reaches it). */
const webApps = ["traditional", "third-party"] as const;
/** Apps that sign people in (every type but machine-to-machine). */
const signInApps = applicationTypes.filter((type) => type !== "m2m");
const list = z.array(z.string());
const lifetimeView = z.number().int().nullable();
/** What the consent page shows of a third-party app. */
const branding = {
  view: z.string(),
  appliesTo: thirdParty,
  refusal: "thirdPartyOnly",
  stored: "plain",
  exported: true,
  client: { record: "branding" },
  default: "",
} as const;
/** A branding link or logo: a web address the consent page shows or links to. */
const brandingUrl = (flag: string, example: string) =>
  setting({ ...branding, input: pageUrl, example, cli: { flag, kind: "text" } });
/** The keys of a private_key_jwt app: only apps with a secret choose how to authenticate. */
const clientKeys = { appliesTo: confidential, refusal: "confidentialOnly", exported: true } as const;
/** Registered keys reach the provider only for an app that authenticates with them. */
const usesKeys = (settings: AnySettings) => settings.tokenEndpointAuthMethod === "private_key_jwt";
/** Read by the provider's token hooks (lifetimes, refresh tokens, PKCE). */
const tokenSetting = { appliesTo: all, stored: "plain", exported: true, client: { record: "tokens" } } as const;

export const applicationSettings = {
  name: setting({
    view: z.string(),
    input: appName,
    appliesTo: all,
    stored: "plain",
    exported: true,
    client: { metadata: "client_name" },
    default: "",
    example: "Team wiki",
    cli: { flag: "name", kind: "text" },
  }),
  description: setting({
    view: z.string(),
    input: appDescription,
    appliesTo: all,
    stored: "plain",
    exported: true,
    client: "console",
    default: "",
    example: "Where the team writes things down.\nSecond line.",
    cli: { flag: "description", kind: "text" },
  }),
  redirectUris: setting({
    view: list,
    input: redirectUriList,
    appliesTo: all,
    stored: "json",
    exported: true,
    client: { metadata: "redirect_uris" },
    default: [],
    example: ["https://wiki.example.com/callback"],
    cli: { flag: "redirect-uri", kind: "list" },
  }),
  postLogoutRedirectUris: setting({
    view: list,
    input: redirectUriList,
    appliesTo: all,
    stored: "json",
    exported: true,
    // Machine-to-machine apps sign nobody out.
    client: {
      metadata: "post_logout_redirect_uris",
      toMetadata: (uris: string[], type: ApplicationType) => (type === "m2m" ? undefined : uris),
    },
    default: [],
    example: ["https://wiki.example.com/"],
    cli: { flag: "post-logout-redirect-uri", kind: "list" },
  }),
  corsOrigins: setting({
    view: list,
    input: originList,
    appliesTo: all,
    stored: "json",
    exported: true,
    client: { record: "cors" },
    default: [],
    example: ["https://wiki.example.com"],
    cli: { flag: "cors-origin", kind: "list" },
  }),
  allowedScopes: setting({
    view: list,
    input: allowedScopeList,
    appliesTo: ["third-party", "m2m"],
    refusal: "thirdPartyOnly",
    stored: "json",
    exported: true,
    // A third-party app may ask only for what its permissions allow (oidc-provider answers
    // invalid_scope otherwise); signing in and offline access are always allowed. An m2m app's
    // "management" is granted by the API's resource server (provider.ts), not by client metadata.
    client: {
      metadata: "scope",
      toMetadata: (scopes: string[], type: ApplicationType) =>
        type === "third-party" ? ["openid", "offline_access", ...scopes].join(" ") : undefined,
      record: "scopes",
    },
    default: ["profile", "email"],
    example: ["profile"],
    cli: { flag: "scope", kind: "list" },
    // Only third-party apps (user scopes) and m2m apps (management) have scopes that mean anything.
    read: (stored, type) =>
      type === "third-party" ? stored : type === "m2m" ? stored.filter((scope) => scope === managementScope) : [],
  }),
  displayName: setting({
    ...branding,
    input: brandingText,
    example: "The Wiki",
    cli: { flag: "display-name", kind: "text" },
  }),
  logoUrl: brandingUrl("logo-url", "https://wiki.example.com/logo.png"),
  logoDarkUrl: brandingUrl("logo-dark-url", "https://wiki.example.com/logo-dark.png"),
  termsUrl: brandingUrl("terms-url", "https://wiki.example.com/terms"),
  privacyUrl: brandingUrl("privacy-url", "https://wiki.example.com/privacy"),
  accessTokenTtl: setting({
    view: lifetimeView,
    input: lifetime(tokenLimits.accessTokenTtl, "accessTtlTooShort", "accessTtlTooLong"),
    ...tokenSetting,
    default: null,
    example: 900,
    cli: { flag: "access-token-ttl", kind: "seconds" },
  }),
  refreshTokenTtl: setting({
    view: lifetimeView,
    input: lifetime(tokenLimits.refreshTokenTtl, "refreshTtlTooShort", "refreshTtlTooLong"),
    ...tokenSetting,
    default: null,
    example: 7 * 86400,
    cli: { flag: "refresh-token-ttl", kind: "seconds" },
  }),
  alwaysIssueRefreshToken: setting({
    view: z.boolean(),
    input: flag,
    ...tokenSetting,
    default: false,
    example: true,
    cli: { flag: "always-issue-refresh-token", kind: "boolean" },
  }),
  rotateRefreshToken: setting({
    view: z.boolean(),
    input: flag,
    ...tokenSetting,
    default: true,
    example: false,
    cli: { flag: "rotate-refresh-token", kind: "boolean" },
  }),
  // RFC 9700 §2.1.1; public clients always need PKCE (lib/oidc/pkce-policy.ts).
  pkcePolicy: setting({
    view: pkcePolicy,
    input: pkcePolicy,
    appliesTo: confidential,
    refusal: "confidentialOnly",
    stored: "plain",
    exported: true,
    client: { record: "tokens" },
    default: "pkce_or_nonce" as PkcePolicy,
    example: "required" as PkcePolicy,
    cli: { flag: "pkce-policy", kind: "text" },
  }),
  // RFC 9126: the app's authorization requests must come through the pushed authorization request
  // endpoint, so their parameters are sent (authenticated) from its server and never in the URL.
  requirePar: setting({
    view: z.boolean(),
    input: flag,
    appliesTo: all,
    stored: "plain",
    exported: true,
    client: { metadata: "require_pushed_authorization_requests" },
    default: false,
    example: true,
    cli: { flag: "require-par", kind: "boolean" },
  }),
  tokenEndpointAuthMethod: setting({
    view: z.string(),
    input: tokenAuthMethod,
    appliesTo: confidential,
    refusal: "confidentialOnly",
    stored: "plain",
    exported: true,
    // Public clients have no secret: "none", whatever is stored (see client-store.ts).
    client: { metadata: "token_endpoint_auth_method" },
    default: "client_secret_basic",
    example: "client_secret_post",
    cli: { flag: "token-auth-method", kind: "text" },
  }),
  // private_key_jwt (RFC 7523): the public keys the app signs its client assertions with, inline
  // or at an https address; exactly one of the two (clientKeyIssues in lib/validation/jwks.ts).
  // The provider sees them only while the app is set to private_key_jwt.
  jwks: setting({
    view: z
      .object({ keys: z.array(z.record(z.string(), z.unknown())) })
      .nullable()
      .describe("The public keys (a JSON Web Key Set) for private_key_jwt; null for none"),
    input: jwksSchema,
    ...clientKeys,
    stored: "document",
    client: {
      metadata: "jwks",
      toMetadata: (set: Jwks | null, _type: ApplicationType, settings: AnySettings) =>
        usesKeys(settings) && set ? set : undefined,
    },
    default: null,
    example: { keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", use: "sig" }] },
    cli: { flag: "jwks-file", kind: "jsonFile" },
  }),
  jwksUri: setting({
    view: z.string().describe("Where the app publishes its keys for private_key_jwt (https); empty for none"),
    input: jwksUriSchema,
    ...clientKeys,
    stored: "plain",
    client: {
      metadata: "jwks_uri",
      toMetadata: (uri: string, _type: ApplicationType, settings: AnySettings) =>
        usesKeys(settings) && uri ? uri : undefined,
    },
    default: "",
    example: "https://wiki.example.com/.well-known/jwks.json",
    cli: { flag: "jwks-uri", kind: "text" },
  }),
  // OpenID Connect Back-Channel Logout 1.0: where the provider POSTs a logout token when a user
  // signs out, is suspended or deleted, or their grant or sessions end (lib/logout/).
  backchannelLogoutUri: setting({
    view: z.string(),
    input: backchannelLogoutUri,
    appliesTo: webApps,
    refusal: "webAppsOnly",
    stored: "plain",
    exported: true,
    client: {
      metadata: "backchannel_logout_uri",
      toMetadata: (uri: string) => uri || undefined,
    },
    default: "",
    example: "https://wiki.example.com/backchannel-logout",
    cli: { flag: "backchannel-logout-uri", kind: "text" },
  }),
  // On: ID tokens carry `sid` and logout tokens name the session; off: logout tokens name only the user.
  backchannelLogoutSessionRequired: setting({
    view: z.boolean(),
    input: flag,
    appliesTo: webApps,
    refusal: "webAppsOnly",
    stored: "plain",
    exported: true,
    client: { metadata: "backchannel_logout_session_required" },
    default: true,
    example: false,
    cli: { flag: "backchannel-logout-session-required", kind: "boolean" },
  }),
  // RFC 8628 device authorization grant: the app (a TV, a command-line tool) shows a code the user
  // types at /oidc/device on another screen (lib/oidc/device-flow.ts). Native apps are public
  // clients, which is what the grant is for.
  deviceFlow: setting({
    view: z.boolean(),
    input: flag,
    appliesTo: ["native"],
    refusal: "nativeOnly",
    stored: "plain",
    exported: true,
    client: {
      metadata: "grant_types",
      toMetadata: (on: boolean) => (on ? ["authorization_code", "refresh_token", DEVICE_CODE_GRANT] : undefined),
    },
    default: false,
    example: true,
    cli: { flag: "device-flow", kind: "boolean" },
  }),
  // Sign-ins to this app must end with a second factor (lib/oidc/two-factor-requirement.ts): users
  // with an authenticator app are asked for it, users without one set one up within the sign-in,
  // and a session made with a password alone is asked for the code before the app gets tokens.
  requireTwoFactor: setting({
    view: z.boolean(),
    input: flag,
    appliesTo: signInApps,
    refusal: "signInAppsOnly",
    stored: "plain",
    exported: true,
    client: { record: "tokens" },
    default: false,
    example: true,
    cli: { flag: "require-two-factor", kind: "boolean" },
  }),
};

type Settings = typeof applicationSettings;
export type SettingName = keyof Settings;
/** An application's settings, as the API shows them. */
export type ApplicationSettings = { -readonly [K in SettingName]: Settings[K]["default"] };
/** The settings of one group of the client record (for example "tokens"). */
export type SettingsGroup<G extends Group> = Pick<
  ApplicationSettings,
  { [K in SettingName]: Settings[K]["client"] extends { record: G } ? K : never }[SettingName]
>;

export const settingNames = Object.keys(applicationSettings) as SettingName[];

/** One setting's declaration, without its own value type (for code that goes through them all). */
export function settingSpec(name: SettingName): Spec<unknown> {
  return applicationSettings[name] as unknown as Spec<unknown>;
}

export function settingApplies(name: SettingName, type: ApplicationType): boolean {
  return settingSpec(name).appliesTo.includes(type);
}
