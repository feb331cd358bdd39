-- AlterTable
ALTER TABLE "KeyMaterial" ADD COLUMN     "activatesAt" TIMESTAMP(3),
ADD COLUMN     "retiresAt" TIMESTAMP(3);

