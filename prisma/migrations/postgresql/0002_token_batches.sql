-- CreateTable
CREATE TABLE "TokenBatch" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "tokens" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TokenBatch_batchId_idx" ON "TokenBatch"("batchId");

-- CreateIndex
CREATE INDEX "TokenBatch_expiresAt_idx" ON "TokenBatch"("expiresAt");

