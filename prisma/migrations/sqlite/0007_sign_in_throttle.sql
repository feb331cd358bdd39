-- CreateTable
CREATE TABLE "SignInAccount" (
    "account" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "lastFailedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SignInSource" (
    "address" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "failedAt" DATETIME,
    "succeededAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,

    PRIMARY KEY ("address", "account")
);

-- CreateIndex
CREATE INDEX "SignInAccount_expiresAt_idx" ON "SignInAccount"("expiresAt");

-- CreateIndex
CREATE INDEX "SignInSource_address_failedAt_idx" ON "SignInSource"("address", "failedAt");

-- CreateIndex
CREATE INDEX "SignInSource_expiresAt_idx" ON "SignInSource"("expiresAt");

