-- AlterTable
ALTER TABLE "KeyMaterial" ADD COLUMN "activatesAt" DATETIME;
ALTER TABLE "KeyMaterial" ADD COLUMN "retiresAt" DATETIME;

