-- private_key_jwt: an app's public signing keys, inline (a JSON Web Key Set as JSON text) or by address.
-- Additive only: other branches add columns to Application too, and a table rebuild would drop theirs.
ALTER TABLE "Application" ADD COLUMN "jwks" TEXT;
ALTER TABLE "Application" ADD COLUMN "jwksUri" TEXT NOT NULL DEFAULT '';
