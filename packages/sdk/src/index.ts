export { PremiumCDKeys } from "./client.ts";
export { verifyWebhookSignature } from "./webhook-signature.ts";
export { SDK_VERSION } from "./version.ts";
export * from "./errors.ts";
export type { ClientOptions } from "./options.ts";
export type { RateLimit } from "./http/rate-limit.ts";
export type { RequestOptions } from "./http/transport.ts";
export type {
  OrderListParams,
  OrderGetOptions,
  OrderProcessOptions,
  Orders,
} from "./resources/orders.ts";
export type { ProductListParams, Products } from "./resources/products.ts";
export type { Suppliers } from "./resources/suppliers.ts";
export type {
  DeliveryListParams,
  WebhookListParams,
  WebhookCreateParams,
  WebhookUpdateParams,
  Webhooks,
} from "./resources/webhooks.ts";
export type * from "./types.ts";
