-- AlterTable
ALTER TABLE "products" ADD COLUMN     "own_stock_first" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "routing_strategy" TEXT NOT NULL DEFAULT 'cheapest';

-- AlterTable
ALTER TABLE "supplier_offers" ADD COLUMN     "last_cost_minor" INTEGER,
ADD COLUMN     "last_currency" TEXT,
ADD COLUMN     "last_stock" INTEGER,
ADD COLUMN     "refreshed_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "preorder_notice_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "purchases" ADD COLUMN     "suppliers_tried" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "supplier_connections" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "supplier" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'sandbox',
    "credentials_seal" BYTEA,
    "callback_lookup" TEXT,
    "base_url" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "low_balance_minor" INTEGER,
    "balance_minor" INTEGER,
    "balance_low" BOOLEAN NOT NULL DEFAULT false,
    "balance_checked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supplier_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supplier_callbacks" (
    "id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "supplier_callbacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supplier_cost_changes" (
    "id" TEXT NOT NULL,
    "offer_id" TEXT NOT NULL,
    "old_cost_minor" INTEGER,
    "new_cost_minor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supplier_cost_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "own_stock_keys" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "stock_sku" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'text',
    "mime_type" TEXT NOT NULL DEFAULT 'text/plain',
    "file_name" TEXT,
    "seal" BYTEA NOT NULL,
    "cost_minor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reference" TEXT,
    "sold_at" TIMESTAMP(3),
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "own_stock_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "supplier_connections_callback_lookup_key" ON "supplier_connections"("callback_lookup");

-- CreateIndex
CREATE UNIQUE INDEX "supplier_connections_account_id_supplier_environment_key" ON "supplier_connections"("account_id", "supplier", "environment");

-- CreateIndex
CREATE UNIQUE INDEX "supplier_callbacks_connection_id_dedupe_key_key" ON "supplier_callbacks"("connection_id", "dedupe_key");

-- CreateIndex
CREATE INDEX "supplier_cost_changes_offer_id_recorded_at_idx" ON "supplier_cost_changes"("offer_id", "recorded_at");

-- CreateIndex
CREATE UNIQUE INDEX "own_stock_keys_reference_key" ON "own_stock_keys"("reference");

-- CreateIndex
CREATE INDEX "own_stock_keys_account_id_stock_sku_reference_idx" ON "own_stock_keys"("account_id", "stock_sku", "reference");

-- AddForeignKey
ALTER TABLE "supplier_connections" ADD CONSTRAINT "supplier_connections_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_callbacks" ADD CONSTRAINT "supplier_callbacks_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "supplier_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_cost_changes" ADD CONSTRAINT "supplier_cost_changes_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "supplier_offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
