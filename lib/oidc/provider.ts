import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { RETRY_AFTER_SECONDS } from "../db/availability";
import type { Db } from "../db/client";
import type { DirectSql } from "../db/direct-sql";
import type { Env } from "../env";
import { queueSignOutLogouts } from "../logout/sign-out";
import type { DeviceView, ErrorView, LogoutView, SignedOutView } from "../provider-pages/data";
import { createSignInLookup } from "../users/sign-in-lookup";
import { clientAssertionAlgs } from "../validation/jwks";
import { accessPrompt, allowedByRule } from "./access-rule";
import { createFindAccount } from "./account";
import { acrValues } from "./acr";
import { createAdapterClass, unavailableAsOidc } from "./adapter";
import { APP_CLAIM, type ClientStore, defaultTokenSettings, issuedToThisApp } from "./client-store";
import { DEVICE_PATH, deviceFlowFeature } from "./device-flow";
import { DEVICE_CODE_GRANT } from "./device-grant";
import { POLL_INTERVAL_SECONDS } from "./device-polling";
import { dpopNonceSecret } from "./dpop";
import { createGrantLoader } from "./grant-loader";
import { createInteractionPolicy } from "./interaction-policy";
import {
  announcePollInterval,
  cacheClientInstances,
  checkClientSecrets,
  claimReplayIdsOnce,
  deviceGrantRefusedAsUnauthorized,
  errorEvents,
  logoutFormXsrf,
  nameRefusedScopes,
  prefixClientCredentialsIds,
  restartSessionlessDeviceForm,
  revocationWithoutBody,
  takePrefilledUserCode,
} from "./internals";
import type { KeySet } from "./keys";
import { JWKS_URI_BODY_LIMIT, outgoingFetch } from "./outgoing-fetch";
import { createPayloadStore } from "./payload-store";
import { pkceRequired } from "./pkce-policy";
import { redirectProblem } from "./redirect-problem";
import { renderAfterRoute, renderedAfterRoute } from "./render-after-route";
import { replayClaims } from "./replay-claims";
import { createResourceServers } from "./resource-servers";
import { scopeClaims, supportedScopes } from "./scopes";
import type { TokenBatches } from "./token-batches";
import type { TwoFactorRequirement } from "./two-factor-requirement";

/** Pages the provider shows, rendered by the server (see lib/provider-pages/render.tsx). */
export type ProviderViews = {
  error(ctx: KoaContextWithOIDC, view: ErrorView, status: number): Promise<void>;
  logout(ctx: KoaContextWithOIDC, view: LogoutView): Promise<void>;
  signedOut(ctx: KoaContextWithOIDC, view: SignedOutView): Promise<void>;
  device(ctx: KoaContextWithOIDC, view: DeviceView, status: number): Promise<void>;
};

export type ProviderDeps = {
  db: Db;
  /**
   * Prepared statements (lib/db/direct-sql.ts) for what every sign-in reads and writes:
   * oidc-provider's objects (payload-store.ts), the account lookups, the access rule.
   */
  sql: DirectSql;
  clients: ClientStore;
  batches: TokenBatches;
  keys: KeySet;
  env: Env;
  views: ProviderViews;
  twoFactorRequired: TwoFactorRequirement;
};

const HOUR = 3600;
const DAY = 24 * HOUR;
/** oidc-provider's default, named here because the revocation answer is adjusted on it. */
const REVOCATION_PATH = "/token/revocation";

function errorKind(error: string, description = ""): ErrorView["kind"] {
  if (error === "temporarily_unavailable") return "unavailable";
  if (error === "invalid_client" || /client/i.test(description)) {
    return /redirect_uri/.test(description) ? "bad_redirect_uri" : "unknown_client";
  }
  if (/redirect_uri/.test(description)) return "bad_redirect_uri";
  if (/interaction|session/i.test(description) || error === "session_not_found") return "expired";
  if (error === "access_denied") return "access_denied";
  return "generic";
}

/** Stands for an app that no longer exists: no token belongs to it. */
const deleted = { applicationId: "", createdAt: Number.POSITIVE_INFINITY };

export function createProvider({
  db,
  sql,
  clients,
  batches,
  keys,
  env,
  views,
  twoFactorRequired,
}: ProviderDeps): Provider {
  const apiResource = `${env.APP_URL}/api`;
  const payloads = createPayloadStore(sql);
  const users = createSignInLookup(sql);
  const tokenSettings = (clientId: string | undefined) =>
    (clientId ? clients.cached(clientId)?.tokens : undefined) ?? defaultTokenSettings;
  nameRefusedScopes();

  const configuration: Configuration = {
    adapter: createAdapterClass(db, payloads, clients, batches),
    findAccount: withOutages(
      createFindAccount(db, users, (clientId, accountId) => allowedByRule(sql, clients, clientId, accountId)),
    ),
    jwks: { keys: keys.jwks },
    cookies: {
      keys: keys.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: "lax" },
      short: { signed: true, httpOnly: true, sameSite: "lax" },
    },
    // `acr` and `amr` say how the user signed in (lib/oidc/acr.ts); ID tokens carry them.
    // oidc-provider puts a claim in an ID token only when a scope (or the request) names it: openid does.
    claims: { ...scopeClaims, openid: [...scopeClaims.openid, "acr", "amr"], acr: null, amr: null },
    acrValues,
    // Put the granted scopes' claims in the ID token too: many service providers (Grafana,
    // GitLab, oauth2-proxy...) read email and name from it and never call userinfo.
    conformIdTokenClaims: false,
    scopes: supportedScopes,
    responseTypes: ["code"],
    // PKCE per RFC 9700: always for public clients; confidential ones as their app's PKCE policy
    // says (see pkce-policy.ts).
    pkce: {
      required: (ctx, client) =>
        pkceRequired(ctx.oidc.params ?? {}, {
          confidential: client.clientAuthMethod !== "none",
          policy: tokenSettings(client.clientId).pkcePolicy,
        }),
    },
    allowOmittingSingleRegisteredRedirectUri: false,
    // What an app can be set to (console: token endpoint authentication), each enforced as
    // chosen (lib/oidc/internals/client-secrets.ts; oidc-provider refuses any other method for an
    // app set to private_key_jwt). client_secret_jwt is not offered: secrets are stored as hashes.
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"],
    // An app's jwks_uri is fetched https only, with a size cap, a timeout and no private addresses
    // unless JWKS_FETCH_ALLOW_PRIVATE (outgoing-fetch.ts).
    fetch: outgoingFetch(env.JWKS_FETCH_ALLOW_PRIVATE),
    fetchResponseBodyLimits: { jwks_uri: JWKS_URI_BODY_LIMIT },
    routes: { revocation: REVOCATION_PATH, code_verification: DEVICE_PATH },
    clientDefaults: {
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "RS256",
    },
    // Client secrets exist only as hashes, so nothing may use them as an HMAC key.
    enabledJWA: {
      // private_key_jwt assertions (lib/validation/jwks.ts accepts keys for exactly these).
      clientAuthSigningAlgValues: [...clientAssertionAlgs],
      idTokenSigningAlgValues: ["RS256", "PS256", "ES256"],
      requestObjectSigningAlgValues: ["RS256", "PS256", "ES256", "EdDSA"],
      userinfoSigningAlgValues: ["RS256", "PS256", "ES256"],
      introspectionSigningAlgValues: ["RS256", "PS256", "ES256"],
      authorizationSigningAlgValues: ["RS256", "PS256", "ES256"],
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // RFC 8628, for native apps with "Device sign-in" on (lib/oidc/device-flow.ts).
      deviceFlow: deviceFlowFeature(views.device),
      userinfo: { enabled: true },
      revocation: {
        enabled: true,
        // A client may revoke only its own tokens.
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      introspection: {
        enabled: true,
        // A client may introspect only its own tokens, and not those of a deleted app it replaced.
        allowedPolicy: async (_ctx, client, token) =>
          token.clientId === client.clientId &&
          (token.kind !== "ClientCredentials" || issuedToThisApp(clients.cached(client.clientId) ?? deleted, token)),
      },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const view = {
            xsrf: logoutFormXsrf(form),
            action: ctx.oidc.urlFor("end_session_confirm"),
            clientName: ctx.oidc.client?.clientName,
            clientId: ctx.oidc.client?.clientId,
          };
          // The form's xsrf is checked against the session, which oidc-provider stores only
          // after this hook returns: the page goes out once it is stored (renderAfterRoute).
          renderAfterRoute(ctx, () => views.logout(ctx, view));
        },
        async postLogoutSuccessSource(ctx) {
          await views.signedOut(ctx, { clientName: ctx.oidc.client?.clientName, clientId: ctx.oidc.client?.clientId });
        },
      },
      // DPoP (RFC 9449): an app that sends a proof gets sender-constrained tokens, useless to anyone
      // without its private key. Every proof must carry a nonce this server chose: it bounds how
      // long a proof can be replayed to the nonce's few minutes, whatever clock the client has.
      // All instances share the nonce secret (dpop.ts), so a nonce from one is good at the others;
      // replayed proofs (same jti) are caught through the adapter, which every instance shares too.
      dPoP: {
        enabled: true,
        nonceSecret: dpopNonceSecret(keys.cookieKeys[0]),
        requireNonce: () => true,
        allowReplay: false,
      },
      // Pushed authorization requests (RFC 9126): the app's server posts the request, authenticated,
      // and sends the user with a short-lived reference. Apps set to "Require PAR" (the
      // require_pushed_authorization_requests metadata) get invalid_request on a plain request.
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      // Back-channel logout: discovery advertises it and ID tokens carry `sid`; the tokens are
      // queued and sent by lib/logout/ (durably, with retries), not by oidc-provider.
      backchannelLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf,
        // A code or refresh token issued for one API gives tokens for that API without the app
        // naming it again at the token endpoint (openid-client and most libraries do not).
        useGrantedResource: async () => true,
        getResourceServerInfo: withOutages(createResourceServers(db, clients, apiResource)),
      },
    },
    // The client was loaded from the store moments ago by this same request, so its cached
    // record is there to read synchronously (oidc-provider wants a boolean, not a promise).
    clientBasedCORS: (_ctx, origin, client) => clients.cached(client.clientId)?.corsOrigins.has(origin) ?? false,
    loadExistingGrant: withOutages(createGrantLoader(payloads, clients)),
    // Per-app token settings (console: Tokens tab). The client was loaded by this request.
    rotateRefreshToken: (ctx) => tokenSettings(ctx.oidc.client?.clientId).rotateRefreshToken,
    async issueRefreshToken(_ctx, client, source) {
      if (!client.grantTypeAllowed("refresh_token")) return false;
      return source.scopes.has("offline_access") || tokenSettings(client.clientId).alwaysIssueRefreshToken;
    },
    // client_credentials tokens name the Application row they were issued to (see issuedToThisApp).
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== "ClientCredentials" || !token.clientId) return undefined;
      const record = clients.cached(token.clientId);
      return record && record.createdAt > 0 ? { [APP_CLAIM]: record.applicationId } : undefined;
    },
    ttl: {
      // A token for a registered API lives as long as that API says; others as long as the app says.
      AccessToken: (_ctx, token, client) =>
        token.resourceServer?.accessTokenTTL ?? tokenSettings(client?.clientId).accessTokenTtl ?? HOUR,
      AuthorizationCode: 60,
      // Long enough to walk to a computer, sign in and type the code (RFC 8628 suggests minutes).
      DeviceCode: 10 * 60,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? HOUR,
      IdToken: HOUR,
      RefreshToken: (_ctx, _token, client) => tokenSettings(client?.clientId).refreshTokenTtl ?? 14 * DAY,
      Interaction: HOUR,
      Session: 14 * DAY,
      Grant: 365 * DAY,
    },
    interactions: {
      policy: createInteractionPolicy(twoFactorRequired, [accessPrompt(sql, clients)]),
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    async renderError(ctx, out) {
      const error = String(out.error ?? "server_error");
      const description = out.error_description ? String(out.error_description) : undefined;
      if (ctx.status === 503) ctx.res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
      const kind = errorKind(error, description);
      const redirect = kind === "bad_redirect_uri" ? await redirectProblem(ctx, clients) : undefined;
      await views.error(ctx, { kind, error, description, ...(redirect ? { redirect } : {}) }, ctx.status || 400);
    },
  };

  const provider = new Provider(env.ISSUER, configuration);
  // Koa then reads the address `TRUST_PROXY` hops from the right of X-Forwarded-For, as
  // lib/server/forwarded.ts does (which has already reduced the headers to that one value).
  provider.proxy = env.TRUST_PROXY > 0;
  provider.maxIpsCount = env.TRUST_PROXY;
  // JSON error answers are sent after these events: a 503 tells the client when to come back.
  // (Listening costs nothing on requests that succeed, unlike a middleware.)
  // (The event names are typed one overload each; the handler's shape is the same for all.)
  const on = provider.on.bind(provider) as (event: string, handler: (ctx: KoaContextWithOIDC) => void) => void;
  for (const event of errorEvents) {
    on(event, (ctx) => {
      if (ctx.status === 503 && !ctx.headerSent) ctx.set("retry-after", String(RETRY_AFTER_SECONDS));
    });
  }

  provider.use(revocationWithoutBody(REVOCATION_PATH));
  // Outside renderedAfterRoute: a restarted form must not also render the page set up for it.
  provider.use(restartSessionlessDeviceForm(DEVICE_PATH));
  provider.use(renderedAfterRoute);
  provider.use(takePrefilledUserCode(DEVICE_PATH));
  // client_credentials token values start with the id of the batch that stores them.
  prefixClientCredentialsIds(provider, (random) => batches.tokenId(random));
  // Presented secrets are compared with the stored hashes (every unexpired secret of the app
  // works); a fresh cached record is checked without a promise.
  checkClientSecrets(
    provider,
    (clientId, presented) => {
      const record = clients.fresh(clientId);
      return record ? clients.checkRecordSecret(record, presented) : clients.checkSecret(clientId, presented);
    },
    unavailableAsOidc,
  );
  cacheClientInstances(provider, (clientId) => clients.fresh(clientId));
  // A client assertion or DPoP proof is accepted once, across instances, even when sent twice at once.
  claimReplayIdsOnce(provider, replayClaims(db));
  queueSignOutLogouts(provider, db);
  announcePollInterval(provider, POLL_INTERVAL_SECONDS);
  deviceGrantRefusedAsUnauthorized(provider, DEVICE_CODE_GRANT);
  return provider;
}

/** A hook that reads the database: an outage becomes temporarily_unavailable (503). */
function withOutages<A extends unknown[], R>(hook: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => hook(...args).catch(unavailableAsOidc);
}
