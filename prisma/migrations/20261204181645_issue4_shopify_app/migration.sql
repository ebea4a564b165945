-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "buyer_token_hash" TEXT,
ADD COLUMN     "customer_external_id" TEXT;

-- CreateTable
CREATE TABLE "shopify_sessions" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "is_online" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "access_token_seal" BYTEA,
    "refresh_token_seal" BYTEA,
    "refresh_token_expires" TIMESTAMP(3),
    "online_access_info" JSONB,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "shopify_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_data_requests" (
    "id" TEXT NOT NULL,
    "shop_id" TEXT NOT NULL,
    "request_ref" TEXT,
    "customer_external_id" TEXT,
    "customer_email" TEXT,
    "orders_requested" TEXT[],
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_data_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "shopify_sessions_shop_idx" ON "shopify_sessions"("shop");

-- CreateIndex
CREATE INDEX "customer_data_requests_shop_id_received_at_idx" ON "customer_data_requests"("shop_id", "received_at");

-- AddForeignKey
ALTER TABLE "customer_data_requests" ADD CONSTRAINT "customer_data_requests_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;
