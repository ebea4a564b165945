// What every route receives as `context`: the running platform, Shopify's app library (when
// the app is configured) and the core's use cases. Routes import only types from outside this
// folder, so the server build never carries its own copy of the core or the database client.
import type * as Core from "@premiumcdkeys/core";
import type { Platform } from "@premiumcdkeys/core";
import type { ShopifyWeb } from "../src/shopify/shopify-web.ts";

export type WebContext = {
  platform: Platform;
  core: typeof Core;
  shopify?: ShopifyWeb;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends WebContext {}
}

/** The Shopify app, or a 404 where it is not configured (no SHOPIFY_API_KEY). */
export function requireShopify(context: WebContext): ShopifyWeb {
  if (!context.shopify) {
    throw Response.json(
      {
        error: {
          code: "SHOPIFY_NOT_CONFIGURED",
          message: "The Shopify app is not configured",
          details: {},
        },
      },
      { status: 404 },
    );
  }
  return context.shopify;
}
