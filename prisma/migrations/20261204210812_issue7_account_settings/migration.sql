-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "key_email_reply_to" TEXT,
ADD COLUMN     "key_email_sender_name" TEXT,
ADD COLUMN     "key_email_with_shop_delivery" TEXT NOT NULL DEFAULT 'platform',
ADD COLUMN     "low_stock_threshold" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "products" ALTER COLUMN "low_stock_threshold" DROP NOT NULL,
ALTER COLUMN "low_stock_threshold" DROP DEFAULT;

-- AlterTable
ALTER TABLE "supplier_connections" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- Written by hand: 5 was the column's default and cannot be told from a threshold set to 5, so
-- those products follow the account's default, which starts at 5: no product's alert changes.
UPDATE "products" SET "low_stock_threshold" = NULL WHERE "low_stock_threshold" = 5;
