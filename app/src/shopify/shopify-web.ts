import type { Platform, ShopifyAppConfig } from "@premiumcdkeys/core";
import { installShop, type InstalledShop } from "@premiumcdkeys/shopify";
import { createShopifyApp, type ShopifyApp } from "./create-shopify-app.ts";
import { orderKeysForExtension } from "./order-keys-endpoint.ts";
import { receiveAppWebhook } from "./receive-app-webhook.ts";

/** What the Remix routes of the Shopify app call, bound to the running platform. */
export type ShopifyWeb = {
  /** Shopify's library: `authenticate.admin`, `authenticate.webhook`, `authenticate.public`. */
  app: ShopifyApp["app"];
  apiKey: string;
  receiveAppWebhook(request: Request): Promise<Response>;
  orderKeysForExtension(request: Request): Promise<Response>;
  /** The account and shop of an embedded session's shop, created on first sight. */
  shopOf(domain: string): Promise<InstalledShop>;
};

export function createShopifyWeb(platform: Platform, config: ShopifyAppConfig): ShopifyWeb {
  const shopify = createShopifyApp(platform, config);
  const log = platform.log.child({ part: "shopify-app" });
  return {
    app: shopify.app,
    apiKey: config.apiKey,
    receiveAppWebhook: (request) => receiveAppWebhook(request, platform, shopify),
    orderKeysForExtension: (request) => orderKeysForExtension(request, platform, shopify),
    shopOf: (domain) => installShop(platform.db.prisma, platform.vault, domain, log),
  };
}
