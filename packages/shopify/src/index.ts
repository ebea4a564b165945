export { shopifyPlatform } from "./shopify-platform.ts";
export {
  AdminGraphqlClient,
  AdminApiError,
  SHOPIFY_API_VERSION,
  type AdminApiTarget,
} from "./admin-api/admin-graphql-client.ts";
export { KEYS_METAFIELD } from "./admin-api/fulfilment-operations.ts";
export { PrismaSessionStorage, offlineSessionId } from "./sessions/prisma-session-storage.ts";
export { shopifyDeliveryChannel } from "./delivery/shopify-delivery-channel.ts";
export {
  shopifyAppWebhookHandler,
  SHOPIFY_APP_WEBHOOK_JOB,
  APP_TOPICS,
} from "./app-webhooks/app-webhook-handler.ts";
export { installShop, findShopifyShop, type InstalledShop } from "./install/install-shop.ts";
