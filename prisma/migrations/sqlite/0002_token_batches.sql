-- CreateTable
CREATE TABLE "TokenBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "tokens" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "TokenBatch_batchId_idx" ON "TokenBatch"("batchId");

-- CreateIndex
CREATE INDEX "TokenBatch_expiresAt_idx" ON "TokenBatch"("expiresAt");

