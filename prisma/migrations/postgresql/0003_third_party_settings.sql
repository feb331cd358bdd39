-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "accessTokenTtl" INTEGER,
ADD COLUMN     "allowedScopes" TEXT NOT NULL DEFAULT '["profile","email"]',
ADD COLUMN     "alwaysIssueRefreshToken" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "displayName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "logoDarkUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "logoUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "privacyUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "refreshTokenTtl" INTEGER,
ADD COLUMN     "requirePkce" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "rotateRefreshToken" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "termsUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "tokenEndpointAuthMethod" TEXT NOT NULL DEFAULT 'client_secret_basic';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "address" TEXT;


-- Apps registered before permissions existed could ask for every user scope; keep it so on upgrade.
UPDATE "Application" SET "allowedScopes" = '["profile","email","phone","address"]';
