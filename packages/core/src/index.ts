// The fulfilment engine's public surface. It knows nothing of HTTP or Remix.
export { loadConfig, ConfigError, type Config } from "./config/config.ts";
export { createLogger, type Logger } from "./logger.ts";
export { createPlatform, type Platform, type PlatformOptions } from "./platform.ts";
export { openDatabase, type Database } from "./db/open-database.ts";
export { applyMigrations } from "./db/migrations.ts";
export { KeyVault } from "./vault/key-vault.ts";
export { asId } from "./ids.ts";
export { toMinorUnits, fromMinorUnits, currencyDecimals } from "./money.ts";

export type * from "./shops/shop-platform.ts";
export { base64HmacMatches, checkBase64Signature } from "./shops/hmac.ts";
export { parseJsonLosslessly, idText } from "./shops/lossless-json.ts";
export { receiveShopWebhook, type WebhookReceipt } from "./shops/receive-shop-webhook.ts";

export { authenticateApiKey, createApiKey, hashApiKey } from "./accounts/api-keys.ts";
export { ensureDemoAccount, type DemoAccount } from "./accounts/demo-account.ts";

export { listOrders, findOrder, type OrderListFilter } from "./orders/order-queries.ts";
export { ORDER_STATUSES, OrderStatus } from "./orders/order-status.ts";
export { EVENT_TYPES, type EventType } from "./events/event-types.ts";

export type { DeliveryChannel, DeliverableOrder } from "./delivery/delivery-channel.ts";
export { readOutbox } from "./delivery/mail-transport.ts";
export { signHex, signStandardWebhook } from "./webhooks/signing.ts";
export { WebhookEndpoints } from "./webhooks/webhook-endpoints.ts";

export { ShopConnections, type ShopSummary } from "./shops/woocommerce/shop-connections.ts";
export type * from "./shops/woocommerce/woo-connector.ts";
export { WOO_TOPICS } from "./shops/woocommerce/woo-connector.ts";
export { createShopLookup, type ShopAddressPolicy } from "./shops/woocommerce/shop-address.ts";
