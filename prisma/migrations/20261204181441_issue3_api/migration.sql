-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "rate_limit_per_minute" INTEGER;

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "permissions" TEXT[] DEFAULT ARRAY['read', 'process']::TEXT[];

-- AlterTable
ALTER TABLE "products" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'EUR';

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "sandbox" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "webhook_endpoints" ADD COLUMN     "description" TEXT,
ADD COLUMN     "previous_secret_seal" BYTEA,
ADD COLUMN     "previous_secret_until" TIMESTAMP(3),
ADD COLUMN     "sandbox" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER,
    "response_body" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_access_logs" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "key_count" INTEGER NOT NULL,
    "ip" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_access_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_windows" (
    "subject" TEXT NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limit_windows_pkey" PRIMARY KEY ("subject","window_start")
);

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_keys_account_id_key_key" ON "idempotency_keys"("account_id", "key");

-- CreateIndex
CREATE INDEX "key_access_logs_account_id_created_at_idx" ON "key_access_logs"("account_id", "created_at");

-- CreateIndex
CREATE INDEX "orders_account_id_sandbox_created_at_idx" ON "orders"("account_id", "sandbox", "created_at");

-- Data written before Sandbox Mode kept data apart: an account's existing orders and endpoints
-- belong to the mode the account is in (hand-written, issue 3).
UPDATE "orders" SET "sandbox" = true
  FROM "accounts" WHERE "accounts"."id" = "orders"."account_id" AND "accounts"."sandbox_mode";
UPDATE "webhook_endpoints" SET "sandbox" = true
  FROM "accounts" WHERE "accounts"."id" = "webhook_endpoints"."account_id" AND "accounts"."sandbox_mode";
