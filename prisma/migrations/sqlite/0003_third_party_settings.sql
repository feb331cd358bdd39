-- AlterTable
ALTER TABLE "User" ADD COLUMN "address" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "redirectUris" TEXT NOT NULL DEFAULT '[]',
    "postLogoutRedirectUris" TEXT NOT NULL DEFAULT '[]',
    "corsOrigins" TEXT NOT NULL DEFAULT '[]',
    "allowedScopes" TEXT NOT NULL DEFAULT '["profile","email"]',
    "displayName" TEXT NOT NULL DEFAULT '',
    "logoUrl" TEXT NOT NULL DEFAULT '',
    "logoDarkUrl" TEXT NOT NULL DEFAULT '',
    "termsUrl" TEXT NOT NULL DEFAULT '',
    "privacyUrl" TEXT NOT NULL DEFAULT '',
    "accessTokenTtl" INTEGER,
    "refreshTokenTtl" INTEGER,
    "alwaysIssueRefreshToken" BOOLEAN NOT NULL DEFAULT false,
    "rotateRefreshToken" BOOLEAN NOT NULL DEFAULT true,
    "requirePkce" BOOLEAN NOT NULL DEFAULT true,
    "tokenEndpointAuthMethod" TEXT NOT NULL DEFAULT 'client_secret_basic',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Application" ("clientId", "corsOrigins", "createdAt", "description", "id", "name", "postLogoutRedirectUris", "redirectUris", "type", "updatedAt", "version") SELECT "clientId", "corsOrigins", "createdAt", "description", "id", "name", "postLogoutRedirectUris", "redirectUris", "type", "updatedAt", "version" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE UNIQUE INDEX "Application_clientId_key" ON "Application"("clientId");
CREATE INDEX "Application_type_createdAt_idx" ON "Application"("type", "createdAt");
CREATE INDEX "Application_name_idx" ON "Application"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Apps registered before permissions existed could ask for every user scope; keep it so on upgrade.
UPDATE "Application" SET "allowedScopes" = '["profile","email","phone","address"]';
