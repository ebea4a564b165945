import type { PlatformExtension } from "@premiumcdkeys/core";
import {
  AdminGraphqlClient,
  PrismaSessionStorage,
  SHOPIFY_APP_WEBHOOK_JOB,
  shopifyAppWebhookHandler,
  shopifyDeliveryChannel,
} from "@premiumcdkeys/shopify";

/**
 * The Shopify app's parts of the platform: key delivery through the Admin API and the job
 * that applies uninstall and privacy webhooks. Delivery needs the app's sessions, so it is on
 * only where the app is configured; the job is always there to drain what was recorded.
 */
export const shopifyExtension: PlatformExtension = ({ config, log, prisma, vault }) => ({
  channels: config.shopify
    ? [
        shopifyDeliveryChannel(
          new PrismaSessionStorage(prisma, vault),
          new AdminGraphqlClient(config.shopify.adminApiUrl),
          log.child({ part: "shopify-delivery" }),
        ),
      ]
    : [],
  jobHandlers: { [SHOPIFY_APP_WEBHOOK_JOB]: shopifyAppWebhookHandler(prisma) },
});
