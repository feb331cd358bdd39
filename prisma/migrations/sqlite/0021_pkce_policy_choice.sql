-- "Always require PKCE" (a boolean) becomes a choice of three, so an app can also accept a service
-- that sends neither PKCE nor a nonce (Outline's OpenID Connect plugin sends only `state`).
-- In place: a column with a constant default needs no rebuild, and SQLite (3.35+) drops a column
-- that no index or constraint uses.
ALTER TABLE "Application" ADD COLUMN "pkcePolicy" TEXT NOT NULL DEFAULT 'pkce_or_nonce';
UPDATE "Application" SET "pkcePolicy" = 'required' WHERE "requirePkce" = 1;
ALTER TABLE "Application" DROP COLUMN "requirePkce";
