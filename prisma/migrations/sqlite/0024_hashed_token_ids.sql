-- Credentials are stored as the SHA-256 of their value (lib/oidc/stored-id.ts): rows whose id is
-- a token, a code or a session cookie get the hash as id and lose `jti` (the same value again);
-- revocation marks of client_credentials tokens are keyed by the hash; token batches keep each
-- token under its hash; an interaction forgets the session cookie it names and keeps its device
-- code's stored key only. Data only: the schema does not change. latchkey_sha256_b64url is
-- registered by lib/db/sqlite-functions.ts.

-- Space freed by the rewrite is zeroed, so the raw values do not linger in the file's free space
-- (this connection only: it is the migration's own).
PRAGMA secure_delete = ON;

UPDATE "OidcPayload"
SET "id" = latchkey_sha256_b64url("id"), "payload" = json_remove("payload", '$.jti')
WHERE "model" IN ('AccessToken', 'RefreshToken', 'AuthorizationCode', 'DeviceCode',
  'BackchannelAuthenticationRequest', 'ClientCredentials', 'Session', 'RevokedClientCredentials');

UPDATE "OidcPayload"
SET "payload" = json_remove("payload", '$.session.cookie')
WHERE "model" = 'Interaction';

-- A device-flow interaction names its device code: by its stored key from now on, in the form
-- the adapter gives an object it did not find by id (lib/oidc/stored-id.ts, knownKeyJti).
UPDATE "OidcPayload"
SET "payload" = json_set("payload", '$.deviceCode',
  'stored:' || latchkey_sha256_b64url(json_extract("payload", '$.deviceCode')))
WHERE "model" = 'Interaction' AND json_type("payload", '$.deviceCode') = 'text';

UPDATE "TokenBatch"
SET "tokens" = (
  SELECT json_group_object(latchkey_sha256_b64url("key"), json(json_remove("value", '$.jti')))
  FROM json_each("TokenBatch"."tokens")
);
