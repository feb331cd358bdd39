-- private_key_jwt: an app's public signing keys, inline (a JSON Web Key Set as JSON text) or by address.
ALTER TABLE "Application" ADD COLUMN "jwks" TEXT;
ALTER TABLE "Application" ADD COLUMN "jwksUri" TEXT NOT NULL DEFAULT '';
