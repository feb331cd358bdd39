import type { PkcePolicy } from "../validation/application-rules";

/**
 * Ready-to-paste settings for real service providers, filled in with one app's values. Each
 * guide also says what the service needs of the app (how it sends its secret, whether it can
 * do PKCE, whether it insists on refresh tokens), so the console can adjust the app to match.
 */
/** This provider's addresses, as a service is told them. */
export type ProviderEndpoints = {
  issuer: string;
  discoveryUrl: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  endSessionEndpoint: string;
};

export type GuideValues = ProviderEndpoints & {
  clientId: string;
  /** The secret if one was just created, else a placeholder the admin replaces. */
  clientSecret: string;
  /** The service's own base URL, as the admin typed it (no trailing slash). */
  serviceUrl: string;
  /** A fresh random value for the service's own cookie or session encryption. */
  randomKey: string;
  /** The snippets' comment lines, in the reader's language. */
  comments: { unusedPath: string; nextcloudPkce: string };
};

export type GuideNeeds = {
  tokenEndpointAuthMethod: "client_secret_basic" | "client_secret_post";
  /**
   * "required" when the snippet makes the service send PKCE every time; "pkce_or_nonce" when it
   * sends a nonce instead; "not_required" when it sends neither.
   */
  pkcePolicy: PkcePolicy;
  alwaysIssueRefreshToken: boolean;
};

export type ServiceGuide = {
  id: string;
  name: string;
  /** The file or screen the snippet goes into (shown as is; names are not translated). */
  target: string;
  /** The redirect URI the service uses, from its base URL; undefined when it is up to the service. */
  redirectPath?: string;
  needs: GuideNeeds;
  snippet(v: GuideValues): string;
};

/** Services whose snippet sends PKCE every time: the app can then always require it. */
const basicWithPkce: GuideNeeds = {
  tokenEndpointAuthMethod: "client_secret_basic",
  pkcePolicy: "required",
  alwaysIssueRefreshToken: false,
};

export const serviceGuides: ServiceGuide[] = [
  {
    id: "generic",
    name: "Generic OpenID Connect",
    target: "The service's OpenID Connect / OAuth settings",
    // PKCE when the service can send it; otherwise a nonce (see "PKCE" in the README).
    needs: { ...basicWithPkce, pkcePolicy: "pkce_or_nonce" },
    snippet: (v) =>
      [
        `Issuer / provider URL:   ${v.issuer}`,
        `Discovery URL:           ${v.discoveryUrl}`,
        `Client ID:               ${v.clientId}`,
        `Client secret:           ${v.clientSecret}`,
        `Scopes:                  openid profile email`,
        `Authorization endpoint:  ${v.authorizationEndpoint}`,
        `Token endpoint:          ${v.tokenEndpoint}`,
        `Userinfo endpoint:       ${v.userinfoEndpoint}`,
        `End session endpoint:    ${v.endSessionEndpoint}`,
        `Token endpoint auth:     client_secret_basic`,
        `                         (or private_key_jwt, if the service signs its requests with its`,
        `                         own key: set it and the service's public keys on the Tokens tab)`,
        `PKCE:                    S256 if the service can; otherwise it must send a nonce`,
        `User ID claim:           sub   (email: email, name: name, username: preferred_username)`,
      ].join("\n"),
  },
  {
    id: "mod-auth-openidc",
    name: "Apache (mod_auth_openidc)",
    target: "/etc/apache2/conf-available/latchkey-oidc.conf",
    redirectPath: "/redirect_uri",
    // mod_auth_openidc sends a nonce on every request, which is enough for a confidential app
    // (RFC 9700 §2.1.1): nothing about PKCE needs configuring (e2e/apache.spec.ts signs in so).
    needs: { ...basicWithPkce, pkcePolicy: "pkce_or_nonce" },
    snippet: (v) =>
      [
        `OIDCProviderMetadataURL ${v.discoveryUrl}`,
        `OIDCClientID ${v.clientId}`,
        `OIDCClientSecret ${v.clientSecret}`,
        `# ${v.comments.unusedPath}`,
        `OIDCRedirectURI ${v.serviceUrl}/redirect_uri`,
        `OIDCCryptoPassphrase ${v.randomKey}`,
        `OIDCScope "openid profile email"`,
        `OIDCRemoteUserClaim email`,
        ``,
        `<Location />`,
        `  AuthType openid-connect`,
        `  Require valid-user`,
        `</Location>`,
      ].join("\n"),
  },
  {
    id: "oauth2-proxy",
    name: "oauth2-proxy",
    target: "oauth2-proxy.cfg",
    redirectPath: "/oauth2/callback",
    needs: basicWithPkce,
    snippet: (v) =>
      [
        `provider = "oidc"`,
        `provider_display_name = "Latchkey"`,
        `oidc_issuer_url = "${v.issuer}"`,
        `client_id = "${v.clientId}"`,
        `client_secret = "${v.clientSecret}"`,
        `redirect_url = "${v.serviceUrl}/oauth2/callback"`,
        `code_challenge_method = "S256"`,
        `scope = "openid profile email"`,
        `email_domains = ["*"]`,
        `cookie_secret = "${v.randomKey}"`,
        `cookie_secure = true`,
      ].join("\n"),
  },
  {
    id: "grafana",
    name: "Grafana",
    target: "grafana.ini (or GF_AUTH_GENERIC_OAUTH_* environment variables)",
    redirectPath: "/login/generic_oauth",
    needs: basicWithPkce,
    snippet: (v) =>
      [
        `[server]`,
        `root_url = ${v.serviceUrl}`,
        ``,
        `[auth.generic_oauth]`,
        `enabled = true`,
        `name = Latchkey`,
        `client_id = ${v.clientId}`,
        `client_secret = ${v.clientSecret}`,
        `scopes = openid profile email`,
        `auth_url = ${v.authorizationEndpoint}`,
        `token_url = ${v.tokenEndpoint}`,
        `api_url = ${v.userinfoEndpoint}`,
        `use_pkce = true`,
        `login_attribute_path = email`,
        `email_attribute_path = email`,
        `name_attribute_path = name`,
        `signout_redirect_url = ${v.endSessionEndpoint}?client_id=${v.clientId}`,
      ].join("\n"),
  },
  {
    id: "gitlab",
    name: "GitLab",
    target: "/etc/gitlab/gitlab.rb, then gitlab-ctl reconfigure",
    redirectPath: "/users/auth/openid_connect/callback",
    needs: basicWithPkce,
    snippet: (v) =>
      [
        `gitlab_rails['omniauth_allow_single_sign_on'] = ['openid_connect']`,
        `gitlab_rails['omniauth_block_auto_created_users'] = false`,
        `gitlab_rails['omniauth_providers'] = [`,
        `  {`,
        `    name: "openid_connect",`,
        `    label: "Latchkey",`,
        `    args: {`,
        `      name: "openid_connect",`,
        `      scope: ["openid", "profile", "email"],`,
        `      response_type: "code",`,
        `      issuer: "${v.issuer}",`,
        `      discovery: true,`,
        `      client_auth_method: "basic",`,
        `      uid_field: "sub",`,
        `      pkce: true,`,
        `      client_options: {`,
        `        identifier: "${v.clientId}",`,
        `        secret: "${v.clientSecret}",`,
        `        redirect_uri: "${v.serviceUrl}/users/auth/openid_connect/callback"`,
        `      }`,
        `    }`,
        `  }`,
        `]`,
      ].join("\n"),
  },
  {
    id: "nextcloud",
    name: "Nextcloud (user_oidc)",
    target: "A shell on the Nextcloud server, in its directory",
    redirectPath: "/apps/user_oidc/code",
    needs: { tokenEndpointAuthMethod: "client_secret_post", pkcePolicy: "required", alwaysIssueRefreshToken: false },
    snippet: (v) =>
      [
        `php occ app:install user_oidc`,
        `php occ user_oidc:provider Latchkey \\`,
        `  --clientid="${v.clientId}" \\`,
        `  --clientsecret="${v.clientSecret}" \\`,
        `  --discoveryuri="${v.discoveryUrl}" \\`,
        `  --scope="openid profile email" \\`,
        `  --mapping-uid=sub --mapping-display-name=name --mapping-email=email`,
        `# ${v.comments.nextcloudPkce}`,
        `php occ config:system:set user_oidc use_pkce --value=true --type=boolean`,
      ].join("\n"),
  },
  {
    id: "discourse",
    name: "Discourse",
    target: 'Admin → Settings, filtered by "openid connect"',
    redirectPath: "/auth/oidc/callback",
    needs: basicWithPkce,
    snippet: (v) =>
      [
        `openid connect enabled:            true`,
        `openid connect discovery document: ${v.discoveryUrl}`,
        `openid connect client id:          ${v.clientId}`,
        `openid connect client secret:      ${v.clientSecret}`,
        `openid connect authorize scope:    openid profile email`,
        `openid connect use pkce:           true`,
      ].join("\n"),
  },
  {
    id: "outline",
    name: "Outline",
    target: "Outline's .env (or the container's environment)",
    redirectPath: "/auth/oidc.callback",
    // Outline's OpenID Connect plugin (passport-oauth2) sends its secret in the form body and
    // neither PKCE nor a nonce, only `state`; and it needs a refresh token.
    needs: { tokenEndpointAuthMethod: "client_secret_post", pkcePolicy: "not_required", alwaysIssueRefreshToken: true },
    snippet: (v) =>
      [
        `URL=${v.serviceUrl}`,
        `OIDC_CLIENT_ID=${v.clientId}`,
        `OIDC_CLIENT_SECRET=${v.clientSecret}`,
        `OIDC_AUTH_URI=${v.authorizationEndpoint}`,
        `OIDC_TOKEN_URI=${v.tokenEndpoint}`,
        `OIDC_USERINFO_URI=${v.userinfoEndpoint}`,
        `OIDC_LOGOUT_URI=${v.endSessionEndpoint}`,
        `OIDC_USERNAME_CLAIM=email`,
        `OIDC_DISPLAY_NAME=Latchkey`,
        `OIDC_SCOPES=openid offline_access profile email`,
      ].join("\n"),
  },
];

export function guideById(id: string): ServiceGuide {
  return serviceGuides.find((guide) => guide.id === id) ?? serviceGuides[0];
}

/** The service's base URL as typed, made comparable: no trailing slash; "" when not a web address. */
export function normalizeServiceUrl(value: string): string {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return "";
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return "";
  }
}
