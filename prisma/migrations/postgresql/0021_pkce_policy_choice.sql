-- "Always require PKCE" (a boolean) becomes a choice of three, so an app can also accept a service
-- that sends neither PKCE nor a nonce (Outline's OpenID Connect plugin sends only `state`).
ALTER TABLE "Application" ADD COLUMN "pkcePolicy" TEXT NOT NULL DEFAULT 'pkce_or_nonce';
UPDATE "Application" SET "pkcePolicy" = 'required' WHERE "requirePkce";
ALTER TABLE "Application" DROP COLUMN "requirePkce";
