-- Back-channel logout (OpenID Connect Back-Channel Logout 1.0): an app's logout URI and whether
-- its logout tokens name the session; LogoutDelivery is the durable queue of tokens to send.
-- Added columns with defaults (no table rebuild): existing apps send nothing until given a URI.

-- AlterTable
ALTER TABLE "Application" ADD COLUMN "backchannelLogoutUri" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Application" ADD COLUMN "backchannelLogoutSessionRequired" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "LogoutDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "sessionId" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "LogoutDelivery_status_nextAttemptAt_idx" ON "LogoutDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "LogoutDelivery_createdAt_idx" ON "LogoutDelivery"("createdAt");
