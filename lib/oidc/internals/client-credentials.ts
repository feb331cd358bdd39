import type Provider from "oidc-provider";

/** What a stored client_credentials token says about itself. */
export type IssuedClientCredentials = {
  clientId: string;
  expired: boolean;
  audience: string[];
  scope: string;
  /** Seconds since the epoch. */
  issuedAt?: number;
  /** Claims added by `extraTokenClaims`. */
  extra?: Record<string, unknown>;
};

type Stored = {
  clientId?: string;
  isExpired?: boolean;
  aud?: string | string[];
  scope?: string;
  iat?: number;
  extra?: Record<string, unknown>;
};

/**
 * Looks a client_credentials token up by its value, as the management API's bearer check needs
 * (the introspection endpoint would need an app's own credentials). The model's `find` checks
 * the value's format and expiry; `aud`, `iat` and `extra` are fields of the stored token that
 * the published types do not declare (9.13.3, lib/models/client_credentials.js IN_PAYLOAD).
 * Undefined when the value is not a token this provider issued.
 */
export async function findClientCredentials(
  provider: Provider,
  value: string,
): Promise<IssuedClientCredentials | undefined> {
  const found = (await provider.ClientCredentials.find(value).catch(() => undefined)) as Stored | undefined;
  if (!found?.clientId) return undefined;
  return {
    clientId: found.clientId,
    expired: found.isExpired === true,
    audience: Array.isArray(found.aud) ? found.aud : found.aud ? [found.aud] : [],
    scope: found.scope ?? "",
    issuedAt: found.iat,
    extra: found.extra,
  };
}
