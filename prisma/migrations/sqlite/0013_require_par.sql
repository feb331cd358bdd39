-- Pushed authorization requests (RFC 9126): an app may be set to accept authorization requests
-- only through the PAR endpoint. Added column with a default (no table rebuild): existing apps
-- keep accepting plain authorization requests.

-- AlterTable
ALTER TABLE "Application" ADD COLUMN "requirePar" BOOLEAN NOT NULL DEFAULT false;
