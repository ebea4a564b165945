import type { Platform, ShopifyAppConfig } from "@premiumcdkeys/core";
import { installShop, PrismaSessionStorage, SHOPIFY_API_VERSION } from "@premiumcdkeys/shopify";
import { ApiVersion, LogSeverity } from "@shopify/shopify-api";
import { AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { APP_SCOPES } from "./app-scopes.ts";

const API_VERSION = SHOPIFY_API_VERSION as ApiVersion;

/**
 * Shopify's app library, configured once: embedded, token exchange (Shopify-managed install),
 * sessions on our schema, and an install hook that creates the merchant's account and shop.
 */
export function createShopifyApp(platform: Platform, config: ShopifyAppConfig) {
  const log = platform.log.child({ part: "shopify-app" });
  const sessionStorage = new PrismaSessionStorage(platform.db.prisma, platform.vault);

  const app = shopifyApp({
    apiKey: config.apiKey,
    apiSecretKey: config.apiSecret,
    apiVersion: API_VERSION,
    scopes: config.scopes ?? APP_SCOPES,
    appUrl: config.appUrl,
    authPathPrefix: "/auth",
    sessionStorage,
    distribution: AppDistribution.AppStore,
    isEmbeddedApp: true,
    future: { unstable_newEmbeddedAuthStrategy: true },
    logger: {
      level: LogSeverity.Info,
      // The library's messages, as our JSON lines; it never logs tokens.
      log: (severity, message) =>
        severity <= LogSeverity.Warning
          ? log.warn({ severity }, message)
          : log.debug({ severity }, message),
    },
    hooks: {
      afterAuth: async ({ session }) => {
        await installShop(platform.db.prisma, platform.vault, session.shop, log);
      },
    },
  });
  return { app, sessionStorage, config };
}

export type ShopifyApp = ReturnType<typeof createShopifyApp>;
