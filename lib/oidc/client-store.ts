import { hash } from "node:crypto";
import type { AdapterPayload } from "oidc-provider";
import {
  type ApplicationSettings,
  type SettingsGroup,
  settingApplies,
  settingNames,
  settingSpec,
} from "../applications/settings";
import { defaultSettings, readSettings, settingsGroup } from "../applications/settings-rows";
import { type ApplicationType, hasClientSecret } from "../applications/types";
import type { Db } from "../db/client";
import { DEVICE_CODE_GRANT } from "./device-grant";
import type { SecretVerdict } from "./internals";

/** `hash` is the secret's SHA-256 in hex, as stored. */
type StoredSecret = { id: string; hash: string; expiresAt: number | null };

/** What the consent page shows of a third-party app (the settings declared for the "branding" group). */
export type Branding = SettingsGroup<"branding">;

/**
 * Per-app token settings (the "tokens" group); a null lifetime means the provider's default.
 * `pkcePolicy`: when a confidential app's requests need PKCE (public ones always do).
 */
export type TokenSettings = SettingsGroup<"tokens">;

export type ClientRecord = {
  applicationId: string;
  name: string;
  type: ApplicationType;
  metadata: AdapterPayload;
  corsOrigins: Set<string>;
  secrets: StoredSecret[];
  branding: Branding;
  tokens: TokenSettings;
  /** Third-party apps: user scopes they may request; machine-to-machine apps: "management" or nothing. */
  allowedScopes: string[];
  /** When the Application row was created (ms); 0 for built-in clients. */
  createdAt: number;
};

/**
 * The claim that names the Application row a client_credentials token was issued to. An app
 * deleted and created again under the same client ID (an import) is a new row: its
 * predecessor's tokens must not work for it.
 */
export const APP_CLAIM = "latchkey_app";

type IssuedToken = { iat?: number; extra?: Record<string, unknown> };

/**
 * Whether a client_credentials token belongs to this very app. Tokens issued before the claim
 * existed (they live an hour) fall back to their issue time, which must not precede the app.
 */
export function issuedToThisApp(
  record: Pick<ClientRecord, "applicationId" | "createdAt">,
  token: IssuedToken,
): boolean {
  const app = token.extra?.[APP_CLAIM];
  if (app !== undefined) return app === record.applicationId;
  return typeof token.iat === "number" && token.iat >= Math.floor(record.createdAt / 1000);
}

/**
 * For the built-in clients, and for a client whose record is not at hand: a new app's token
 * settings, with PKCE always required (the built-in clients always send it).
 */
export const defaultTokenSettings: TokenSettings = {
  ...settingsGroup(defaultSettings, "tokens"),
  pkcePolicy: "required",
};

type Entry = { record: ClientRecord | undefined; loadedAt: number };

export function hashSecret(secret: string): string {
  return hash("sha256", secret, "hex");
}

/**
 * Compares two SHA-256 hex digests without stopping at the first difference. (Hex strings
 * rather than buffers and timingSafeEqual: hashing straight to hex costs half as much, and this
 * runs on every token request.)
 */
function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * The client metadata oidc-provider sees: what follows from the app's type, then each setting
 * declared with a metadata key, for the types it applies to.
 */
export function toMetadata(clientId: string, type: ApplicationType, settings: ApplicationSettings): AdapterPayload {
  const confidential = hasClientSecret(type);
  const metadata: AdapterPayload = {
    client_id: clientId,
    token_endpoint_auth_method: "none",
    // Secrets are stored only as hashes: Latchkey checks them itself (see provider.ts), so the
    // value oidc-provider sees is a stand-in, and symmetric (HS*) algorithms are disabled.
    ...(confidential ? { client_secret: "stored-as-hash" } : {}),
    ...(type === "m2m"
      ? { grant_types: ["client_credentials"], response_types: [] }
      : {
          application_type: type === "native" ? "native" : "web",
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
        }),
  };
  for (const name of settingNames) {
    const client = settingSpec(name).client;
    if (client === "console" || !client.metadata || !settingApplies(name, type)) continue;
    const value = client.toMetadata ? client.toMetadata(settings[name], type, settings) : settings[name];
    if (value !== undefined) metadata[client.metadata] = value;
  }
  // Device sign-in and no redirect URI: an app only for TVs and command-line tools, which never
  // uses the authorization endpoint (oidc-provider refuses a code flow without redirect URIs).
  if (metadata.grant_types?.includes(DEVICE_CODE_GRANT) && settings.redirectUris.length === 0) {
    metadata.grant_types = [DEVICE_CODE_GRANT, "refresh_token"];
    metadata.response_types = [];
  }
  return metadata;
}

/**
 * Clients as oidc-provider sees them, read from the Application table and cached briefly so the
 * token endpoint does not query the database on every request. Writes made through this process
 * invalidate the cache at once; other processes sharing the database see them within `ttlMs`.
 */
export class ClientStore {
  private readonly cache = new Map<string, Entry>();
  private readonly lastUseWritten = new Map<string, number>();
  private readonly builtIn = new Map<string, ClientRecord>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 2000,
  ) {}

  /** A client defined by Latchkey itself (the console), served before the table is read. */
  registerBuiltIn(record: ClientRecord) {
    this.builtIn.set(String(record.metadata.client_id), record);
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const fresh = this.fresh(clientId);
    if (fresh) return fresh;
    const record = await this.load(clientId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(clientId, { record, loadedAt: Date.now() });
    return record;
  }

  /**
   * The record if it is built in or was loaded less than `ttlMs` ago, without waiting: the token
   * endpoint's hot path reads it synchronously and goes to `find` only when this misses.
   */
  fresh(clientId: string): ClientRecord | undefined {
    const builtIn = this.builtIn.get(clientId);
    if (builtIn) return builtIn;
    const cached = this.cache.get(clientId);
    return cached && Date.now() - cached.loadedAt < this.ttlMs ? cached.record : undefined;
  }

  /** The cached record, without loading: for the synchronous hooks of oidc-provider. */
  cached(clientId: string): ClientRecord | undefined {
    return this.builtIn.get(clientId) ?? this.cache.get(clientId)?.record;
  }

  async metadata(clientId: string): Promise<AdapterPayload | undefined> {
    return (await this.find(clientId))?.metadata;
  }

  invalidate(clientId?: string) {
    if (clientId) this.cache.delete(clientId);
    else this.cache.clear();
  }

  /** Compares a presented secret with every stored hash of the client in constant time. */
  async checkSecret(clientId: string, presented: string): Promise<SecretVerdict> {
    return this.checkRecordSecret(this.fresh(clientId) ?? (await this.find(clientId)), presented);
  }

  /** `checkSecret` for a record already at hand (synchronous). */
  checkRecordSecret(record: ClientRecord | undefined, presented: string): SecretVerdict {
    if (!record) return "invalid";
    const digest = hashSecret(presented);
    let result: SecretVerdict = "invalid";
    for (const secret of record.secrets) {
      if (!sameDigest(secret.hash, digest)) continue;
      if (secret.expiresAt !== null && secret.expiresAt <= Date.now()) {
        result = "expired";
        continue;
      }
      this.recordUse(secret.id);
      return "ok";
    }
    return result;
  }

  /** Notes when a secret was last used, at most once a minute per secret, off the request path. */
  private recordUse(secretId: string) {
    if ([...this.builtIn.values()].some((record) => record.applicationId === secretId)) return;
    const now = Date.now();
    if (now - (this.lastUseWritten.get(secretId) ?? 0) < 60_000) return;
    this.lastUseWritten.set(secretId, now);
    this.db.clientSecret
      .updateMany({ where: { id: secretId }, data: { lastUsedAt: new Date(now) } })
      .catch(() => this.lastUseWritten.delete(secretId));
  }

  private async load(clientId: string): Promise<ClientRecord | undefined> {
    const app = await this.db.application.findUnique({
      where: { clientId },
      include: { secrets: { select: { id: true, hash: true, expiresAt: true } } },
    });
    if (!app) return undefined;
    const type = app.type as ApplicationType;
    const settings = readSettings(app);
    return {
      applicationId: app.id,
      name: settings.name,
      type,
      metadata: toMetadata(app.clientId, type, settings),
      corsOrigins: new Set(settings.corsOrigins),
      allowedScopes: settings.allowedScopes,
      createdAt: app.createdAt.getTime(),
      branding: settingsGroup(settings, "branding"),
      tokens: settingsGroup(settings, "tokens"),
      secrets: app.secrets.map((s) => ({
        id: s.id,
        hash: s.hash.toLowerCase(),
        expiresAt: s.expiresAt ? s.expiresAt.getTime() : null,
      })),
    };
  }
}
