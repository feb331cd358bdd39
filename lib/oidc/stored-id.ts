import { hash } from "node:crypto";
import type { AdapterPayload } from "oidc-provider";

/**
 * The models whose id is itself a credential: the bearer value of an opaque token or code, or
 * (Session) the session cookie's value. Their rows are keyed by storedId(id), and their
 * payloads are stored without `jti` (which repeats the id).
 */
export const HASHED_MODELS: ReadonlySet<string> = new Set([
  "AccessToken",
  "RefreshToken",
  "AuthorizationCode",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
  "ClientCredentials",
  "Session",
]);

/**
 * The key a credential is stored under: SHA-256, base64url (43 characters). No salt and no slow
 * hash, as for client secrets (hashSecret in client-store.ts): these values are at least 256
 * random bits made by oidc-provider, so nothing can be guessed or precomputed, and the lookup
 * must stay a plain equality on an index, one hash per request on the token endpoint's hot path.
 * Whoever reads a copy of the database gets no value that works as a credential.
 */
export function storedId(value: string): string {
  return hash("sha256", value, "base64url");
}

/**
 * oidc-provider sometimes loads an object by something other than its id (a device code by the
 * user code, a session by its uid) and may save it again. Its raw id is not stored, so such an
 * object carries this form of the stored key as its `jti`: upsert and destroy recognise it and
 * act on the same row. find hashes whatever it is given, so knowing a stored key opens nothing;
 * the one exception is a device code on the device flow's resume route, where oidc-provider
 * looks it up by the id its own Interaction row holds, never by a value a client sent. `:` cannot occur in an id oidc-provider makes (URL-safe alphabet).
 */
const KNOWN_KEY = "stored:";

export function knownKeyJti(key: string): string {
  return `${KNOWN_KEY}${key}`;
}

/** The stored key a known-key jti names, or undefined for any other id. */
export function knownKey(id: string): string | undefined {
  return id.startsWith(KNOWN_KEY) ? id.slice(KNOWN_KEY.length) : undefined;
}

/**
 * The row key for an id handed to upsert or destroy, which oidc-provider calls only on objects
 * it has loaded or made: a known key as it is, a raw id hashed.
 */
export function writeKey(id: string): string {
  return knownKey(id) ?? storedId(id);
}

/** The payload as stored: without `jti`, the credential itself. */
export function withoutJti(payload: AdapterPayload): AdapterPayload {
  const { jti: _jti, ...rest } = payload;
  return rest;
}
