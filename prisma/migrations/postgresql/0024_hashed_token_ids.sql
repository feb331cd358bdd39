-- Credentials are stored as the SHA-256 of their value (lib/oidc/stored-id.ts): rows whose id is
-- a token, a code or a session cookie get the hash as id and lose `jti` (the same value again);
-- revocation marks of client_credentials tokens are keyed by the hash; token batches keep each
-- token under its hash; an interaction forgets the session cookie it names and keeps its device
-- code's stored key only. Data only: the schema does not change. Hashes are base64url without
-- padding, as Node's "base64url" digest.

CREATE FUNCTION pg_temp.latchkey_sha256_b64url(value TEXT) RETURNS TEXT
LANGUAGE SQL IMMUTABLE STRICT
AS $$ SELECT translate(rtrim(encode(sha256(convert_to(value, 'UTF8')), 'base64'), '='), '+/', '-_') $$;

UPDATE "OidcPayload"
SET "id" = pg_temp.latchkey_sha256_b64url("id"), "payload" = ("payload"::jsonb - 'jti')::text
WHERE "model" IN ('AccessToken', 'RefreshToken', 'AuthorizationCode', 'DeviceCode',
  'BackchannelAuthenticationRequest', 'ClientCredentials', 'Session', 'RevokedClientCredentials');

UPDATE "OidcPayload"
SET "payload" = ("payload"::jsonb #- '{session,cookie}')::text
WHERE "model" = 'Interaction';

-- A device-flow interaction names its device code: by its stored key from now on, in the form
-- the adapter gives an object it did not find by id (lib/oidc/stored-id.ts, knownKeyJti).
UPDATE "OidcPayload"
SET "payload" = jsonb_set("payload"::jsonb, '{deviceCode}',
  to_jsonb('stored:' || pg_temp.latchkey_sha256_b64url("payload"::jsonb ->> 'deviceCode')))::text
WHERE "model" = 'Interaction' AND jsonb_typeof("payload"::jsonb -> 'deviceCode') = 'string';

UPDATE "TokenBatch"
SET "tokens" = (
  SELECT COALESCE(jsonb_object_agg(pg_temp.latchkey_sha256_b64url("key"), "value" - 'jti'), '{}'::jsonb)::text
  FROM jsonb_each("TokenBatch"."tokens"::jsonb)
);
