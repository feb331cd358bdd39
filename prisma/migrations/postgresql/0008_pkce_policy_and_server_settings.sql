-- PKCE per RFC 9700: a new app accepts PKCE or, on OpenID requests, a nonce (requirePkce = "always
-- require PKCE" now starts off). Existing apps keep the value they had, so none gets weaker.
-- ServerSetting: the issuer the last server to start announced, for the CLI.

-- AlterTable
ALTER TABLE "Application" ALTER COLUMN "requirePkce" SET DEFAULT false;

-- CreateTable
CREATE TABLE "ServerSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServerSetting_pkey" PRIMARY KEY ("key")
);

