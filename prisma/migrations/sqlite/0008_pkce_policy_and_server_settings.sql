-- PKCE per RFC 9700: a new app accepts PKCE or, on OpenID requests, a nonce (requirePkce = "always
-- require PKCE" now starts off). Existing apps keep the value they had, so none gets weaker.
-- ServerSetting: the issuer the last server to start announced, for the CLI.

-- CreateTable
CREATE TABLE "ServerSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

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
    "requirePkce" BOOLEAN NOT NULL DEFAULT false,
    "tokenEndpointAuthMethod" TEXT NOT NULL DEFAULT 'client_secret_basic',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Application" ("accessTokenTtl", "allowedScopes", "alwaysIssueRefreshToken", "clientId", "corsOrigins", "createdAt", "description", "displayName", "id", "logoDarkUrl", "logoUrl", "name", "postLogoutRedirectUris", "privacyUrl", "redirectUris", "refreshTokenTtl", "requirePkce", "rotateRefreshToken", "termsUrl", "tokenEndpointAuthMethod", "type", "updatedAt", "version") SELECT "accessTokenTtl", "allowedScopes", "alwaysIssueRefreshToken", "clientId", "corsOrigins", "createdAt", "description", "displayName", "id", "logoDarkUrl", "logoUrl", "name", "postLogoutRedirectUris", "privacyUrl", "redirectUris", "refreshTokenTtl", "requirePkce", "rotateRefreshToken", "termsUrl", "tokenEndpointAuthMethod", "type", "updatedAt", "version" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE UNIQUE INDEX "Application_clientId_key" ON "Application"("clientId");
CREATE INDEX "Application_type_createdAt_idx" ON "Application"("type", "createdAt");
CREATE INDEX "Application_name_idx" ON "Application"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

