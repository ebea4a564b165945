-- CreateTable
CREATE TABLE "woocommerce_connections" (
    "shop_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "consumer_key_seal" BYTEA NOT NULL,
    "consumer_secret_seal" BYTEA NOT NULL,
    "key_hint" TEXT NOT NULL,
    "webhook_ids" JSONB NOT NULL DEFAULT '{}',
    "connected_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "swept_until" TIMESTAMP(3) NOT NULL,
    "check_lease_until" TIMESTAMP(3),
    "last_check_at" TIMESTAMP(3),
    "last_check_error" TEXT,

    CONSTRAINT "woocommerce_connections_pkey" PRIMARY KEY ("shop_id")
);

-- AddForeignKey
ALTER TABLE "woocommerce_connections" ADD CONSTRAINT "woocommerce_connections_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;
