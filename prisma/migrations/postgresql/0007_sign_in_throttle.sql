-- CreateTable
CREATE TABLE "SignInAccount" (
    "account" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInAccount_pkey" PRIMARY KEY ("account")
);

-- CreateTable
CREATE TABLE "SignInSource" (
    "address" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "failedAt" TIMESTAMP(3),
    "succeededAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInSource_pkey" PRIMARY KEY ("address","account")
);

-- CreateIndex
CREATE INDEX "SignInAccount_expiresAt_idx" ON "SignInAccount"("expiresAt");

-- CreateIndex
CREATE INDEX "SignInSource_address_failedAt_idx" ON "SignInSource"("address", "failedAt");

-- CreateIndex
CREATE INDEX "SignInSource_expiresAt_idx" ON "SignInSource"("expiresAt");

