import Provider, { type Configuration, errors, type KoaContextWithOIDC } from "oidc-provider";
import { RETRY_AFTER_SECONDS } from "../db/availability";
import type { Db } from "../db/client";
import type { Env } from "../env";
import type { ErrorView, LogoutView, SignedOutView } from "../provider-pages/data";
import { createFindAccount } from "./account";
import { createAdapterClass, unavailableAsOidc } from "./adapter";
import {
  APP_CLAIM,
  type ClientRecord,
  type ClientStore,
  defaultTokenSettings,
  issuedToThisApp,
  type SecretCheck,
} from "./client-store";
import { createGrantLoader } from "./grant-loader";
import type { KeySet } from "./keys";
import { managementScope, scopeClaims, supportedScopes } from "./scopes";
import type { TokenBatches } from "./token-batches";

/** Pages the provider shows, rendered by the web app (see lib/provider-pages/render.ts). */
export type ProviderViews = {
  error(ctx: KoaContextWithOIDC, view: ErrorView, status: number): Promise<void>;
  logout(ctx: KoaContextWithOIDC, view: LogoutView): Promise<void>;
  signedOut(ctx: KoaContextWithOIDC, view: SignedOutView): Promise<void>;
};

export type ProviderDeps = {
  db: Db;
  clients: ClientStore;
  batches: TokenBatches;
  keys: KeySet;
  env: Env;
  views: ProviderViews;
};

const HOUR = 3600;
const DAY = 24 * HOUR;

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

/**
 * oidc-provider refuses a scope outside a client's allowed list with "requested scope is not
 * allowed" and keeps the scope in a separate property; an admin reading a service provider's
 * error page needs its name. The error sets `scope` before `error_description` (one
 * Object.assign), so this setter can add it.
 */
function nameTheRefusedScope() {
  const proto = errors.InvalidScope.prototype as object;
  if (Object.getOwnPropertyDescriptor(proto, "error_description")) return;
  Object.defineProperty(proto, "error_description", {
    configurable: true,
    set(this: { scope?: string }, value: string) {
      const described = this.scope && !value.includes(this.scope) ? `${value}: ${this.scope}` : value;
      Object.defineProperty(this, "error_description", {
        value: described,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
  });
}

/** Stands for an app that no longer exists: no token belongs to it. */
const deleted = { applicationId: "", createdAt: Number.POSITIVE_INFINITY };

export function createProvider({ db, clients, batches, keys, env, views }: ProviderDeps): Provider {
  const apiResource = `${env.APP_URL}/api`;
  const tokenSettings = (clientId: string | undefined) =>
    (clientId ? clients.cached(clientId)?.tokens : undefined) ?? defaultTokenSettings;
  nameTheRefusedScope();

  const configuration: Configuration = {
    adapter: createAdapterClass(db, clients, batches),
    findAccount: withOutages(createFindAccount(db)),
    jwks: { keys: keys.jwks },
    cookies: {
      keys: keys.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: "lax" },
      short: { signed: true, httpOnly: true, sameSite: "lax" },
    },
    claims: { ...scopeClaims },
    // Put the granted scopes' claims in the ID token too: many service providers (Grafana,
    // GitLab, oauth2-proxy...) read email and name from it and never call userinfo.
    conformIdTokenClaims: false,
    scopes: supportedScopes,
    responseTypes: ["code"],
    // Always for public clients; confidential ones may opt out for services that cannot send it.
    pkce: {
      required: (_ctx, client) => client.clientAuthMethod === "none" || tokenSettings(client.clientId).requirePkce,
    },
    allowOmittingSingleRegisteredRedirectUri: false,
    clientDefaults: {
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "RS256",
    },
    // Client secrets exist only as hashes, so nothing may use them as an HMAC key.
    enabledJWA: {
      clientAuthSigningAlgValues: ["RS256", "PS256", "ES256", "EdDSA"],
      idTokenSigningAlgValues: ["RS256", "PS256", "ES256"],
      requestObjectSigningAlgValues: ["RS256", "PS256", "ES256", "EdDSA"],
      userinfoSigningAlgValues: ["RS256", "PS256", "ES256"],
      introspectionSigningAlgValues: ["RS256", "PS256", "ES256"],
      authorizationSigningAlgValues: ["RS256", "PS256", "ES256"],
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
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
          const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] ?? "";
          await views.logout(ctx, {
            xsrf,
            action: ctx.oidc.urlFor("end_session_confirm"),
            clientName: ctx.oidc.client?.clientName,
          });
        },
        async postLogoutSuccessSource(ctx) {
          await views.signedOut(ctx, { clientName: ctx.oidc.client?.clientName });
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf,
        useGrantedResource: async () => false,
        // Latchkey's own API is for machine-to-machine apps only: no user is asked to consent to it.
        // Its management scope goes only to apps an admin allowed it (Permissions tab).
        getResourceServerInfo: async (_ctx, resource, client) => {
          const record = clients.cached(client.clientId);
          if (resource !== apiResource || record?.type !== "m2m") throw new errors.InvalidTarget();
          const scope = record.allowedScopes.includes(managementScope) ? managementScope : "";
          return { audience: apiResource, scope, accessTokenTTL: HOUR, accessTokenFormat: "opaque" };
        },
      },
    },
    // The client was loaded from the store moments ago by this same request, so its cached
    // record is there to read synchronously (oidc-provider wants a boolean, not a promise).
    clientBasedCORS: (_ctx, origin, client) => clients.cached(client.clientId)?.corsOrigins.has(origin) ?? false,
    loadExistingGrant: withOutages(createGrantLoader(db, clients)),
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
      AccessToken: (_ctx, _token, client) => tokenSettings(client?.clientId).accessTokenTtl ?? HOUR,
      AuthorizationCode: 60,
      ClientCredentials: HOUR,
      IdToken: HOUR,
      RefreshToken: (_ctx, _token, client) => tokenSettings(client?.clientId).refreshTokenTtl ?? 14 * DAY,
      Interaction: HOUR,
      Session: 14 * DAY,
      Grant: 365 * DAY,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async renderError(ctx, out) {
      const error = String(out.error ?? "server_error");
      const description = out.error_description ? String(out.error_description) : undefined;
      if (ctx.status === 503) ctx.res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
      await views.error(ctx, { kind: errorKind(error, description), error, description }, ctx.status || 400);
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

  // client_credentials token values start with the id of the batch that stores them.
  const Tokens = provider.ClientCredentials as unknown as { prototype: { generateTokenId(): string; format?: string } };
  const generateTokenId = Tokens.prototype.generateTokenId;
  Tokens.prototype.generateTokenId = function tokenId() {
    const random = generateTokenId.call(this);
    return this.format === "opaque" ? batches.tokenId(random) : random;
  };

  // Compare presented secrets with the stored hashes (all unexpired secrets of the app work).
  // oidc-provider awaits the answer, so a fresh cached record is checked without a promise.
  const ClientClass = provider.Client as unknown as ClientStatics;
  const verdict = (result: SecretCheck) => {
    if (result === "expired") {
      const error = new errors.InvalidClient("client authentication failed: the client secret has expired");
      throw Object.assign(error, { status: 401, statusCode: 401 });
    }
    return result === "ok";
  };
  ClientClass.prototype.compareClientSecret = function compare(this: { clientId: string }, actual: string) {
    const record = clients.fresh(this.clientId);
    if (record) return verdict(clients.checkRecordSecret(record, actual));
    return clients.checkSecret(this.clientId, actual).then(verdict, unavailableAsOidc);
  };

  cacheClientInstances(ClientClass, clients);
  return provider;
}

/** Every error event oidc-provider emits before it answers (see its initialize_app.js). */
const errorEvents = [
  "server_error",
  "authorization.error",
  "grant.error",
  "introspection.error",
  "revocation.error",
  "userinfo.error",
  "end_session.error",
  "end_session_confirm.error",
  "end_session_success.error",
  "discovery.error",
  "jwks.error",
  "pushed_authorization_request.error",
  "device_authorization.error",
  "code_verification.error",
  "device_resume.error",
  "backchannel_authentication.error",
  "registration_create.error",
  "registration_read.error",
  "registration_update.error",
  "registration_delete.error",
] as const;

/** A hook that reads the database: an outage becomes temporarily_unavailable (503). */
function withOutages<A extends unknown[], R>(hook: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => hook(...args).catch(unavailableAsOidc);
}

type ClientStatics = { prototype: Record<string, unknown>; find(id: unknown): Promise<unknown> };

/**
 * For clients from an adapter, oidc-provider's Client.find serialises the whole metadata and
 * hashes it (SHA-256) on every call to find the Client instance it built before: two of the
 * token endpoint's costliest steps. The client store hands out the same record object until the
 * client changes or its cache entry expires, so the instance is remembered per record; a new
 * record (changed or reloaded client) goes through oidc-provider's own lookup again.
 */
function cacheClientInstances(Client: ClientStatics, clients: ClientStore) {
  const find = Client.find.bind(Client);
  const instances = new WeakMap<ClientRecord, unknown>();
  Client.find = async (id: unknown) => {
    const record = typeof id === "string" ? clients.fresh(id) : undefined;
    const known = record && instances.get(record);
    if (known) return known;
    const client = await find(id);
    // Remember it only if the record it was built from is still the current one.
    if (record && client && clients.fresh(record.metadata.client_id as string) === record)
      instances.set(record, client);
    return client;
  };
}
