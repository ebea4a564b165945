// The fulfilment engine's public surface. It knows nothing of HTTP or Remix.
export { loadConfig, ConfigError, type Config, type ShopifyAppConfig } from "./config/config.ts";
export { createLogger, type Logger } from "./logger.ts";
export {
  createPlatform,
  type Platform,
  type PlatformOptions,
  type PlatformExtension,
} from "./platform.ts";
export { openDatabase, type Database } from "./db/open-database.ts";
export { applyMigrations } from "./db/migrations.ts";
export { KeyVault } from "./vault/key-vault.ts";
export { asId } from "./ids.ts";
export { toMinorUnits, fromMinorUnits, currencyDecimals } from "./money.ts";

export type * from "./shops/shop-platform.ts";
export { base64HmacMatches, checkBase64Signature } from "./shops/hmac.ts";
export { parseJsonLosslessly, idText } from "./shops/lossless-json.ts";
export { parseIsoTimestamp } from "./iso-timestamp.ts";
export {
  receiveShopWebhook,
  recordInboundDelivery,
  type WebhookReceipt,
} from "./shops/receive-shop-webhook.ts";

export {
  authenticateApiKey,
  createApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
  API_KEY_PERMISSIONS,
  type ApiIdentity,
  type ApiKeyPermission,
} from "./accounts/api-keys.ts";
export { setSandboxMode } from "./accounts/sandbox-mode.ts";
export { createAccount } from "./accounts/create-account.ts";
export { countRequest, limitForAccount, TIER_LIMITS } from "./api/rate-limit.ts";
export { runIdempotent, requestFingerprint } from "./api/idempotency.ts";
export { processOrder } from "./orders/process-order.ts";
export { readOrderKeys, type ReadKey } from "./orders/order-keys.ts";
export { listProducts, findProduct } from "./products/product-queries.ts";
export { productStock } from "./products/product-stock.ts";
export { suppliersForAccount, type AccountSupplier } from "./suppliers/suppliers-for-account.ts";
export { ensureDemoAccount, type DemoAccount } from "./accounts/demo-account.ts";

export { listOrders, findOrder, type OrderListFilter } from "./orders/order-queries.ts";
export { ORDER_STATUSES, OrderStatus } from "./orders/order-status.ts";
export { EVENT_TYPES, type EventType } from "./events/event-types.ts";

export type {
  DeliveryChannel,
  DeliverableOrder,
  DeliverableItem,
} from "./delivery/delivery-channel.ts";
export { PermanentFailure, RetryLater } from "./jobs/job-errors.ts";
export type { JobHandler, JobContext } from "./jobs/worker.ts";
export type { PrismaClient } from "./db/types.ts";
export { readOutbox } from "./delivery/mail-transport.ts";
export { signHex, signStandardWebhook } from "./webhooks/signing.ts";
export { WebhookEndpoints, type EndpointOwner } from "./webhooks/webhook-endpoints.ts";
export { retiredSecretsExpireAt } from "./webhooks/endpoint-secrets.ts";
export { MAX_SIGNING_RETIRED_SECRETS } from "./webhooks/rotate-secret.ts";

export { SupplierRegistry, type RoutingMode } from "./suppliers/supplier-registry.ts";
export {
  SupplierConnections,
  type ConnectionInput,
  type ConnectionView,
} from "./suppliers/supplier-connections.ts";
export { receiveSupplierCallback } from "./suppliers/receive-supplier-callback.ts";
export { importOwnStock } from "./suppliers/import-own-stock.ts";

export { ShopConnections, type ShopSummary } from "./shops/woocommerce/shop-connections.ts";
export type * from "./shops/woocommerce/woo-connector.ts";
export { WOO_TOPICS } from "./shops/woocommerce/woo-connector.ts";
export { createShopLookup, type ShopAddressPolicy } from "./shops/woocommerce/shop-address.ts";

export { eraseShop } from "./privacy/erase-shop.ts";
export { redactCustomer, type CustomerToRedact } from "./privacy/redact-customer.ts";
export { shopOrdersToday, type TodayCounts } from "./orders/order-counts.ts";
export {
  buyerOrderKeys,
  type BuyerOrderKeys,
  type BuyerKey,
  type BuyerProof,
} from "./orders/buyer-order-keys.ts";
export { shopOverview, type ShopOverview } from "./shops/shop-overview.ts";

export * from "./dashboard/index.ts";
