-- AlterTable
ALTER TABLE "purchases" ADD COLUMN     "last_error_codes" TEXT[] DEFAULT ARRAY[]::TEXT[];
