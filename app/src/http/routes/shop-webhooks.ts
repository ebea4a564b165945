import { Hono } from "hono";
import { receiveShopWebhook, type Platform } from "@premiumcdkeys/core";
import { errorResponse } from "../api-error.ts";

/**
 * `POST /api/webhook/{platform}/{shop_id}` for Shopify and WooCommerce. The body is read as raw
 * bytes and handed over untouched: signatures are computed over exactly these bytes.
 */
export function shopWebhookRoutes(platform: Platform) {
  const routes = new Hono();

  routes.post("/:platform/:shopId", async (c) => {
    const connector = platform.shopPlatforms[c.req.param("platform")];
    if (!connector) return errorResponse(c, 404, "NOT_FOUND", "No such webhook receiver");

    const rawBody = Buffer.from(await c.req.arrayBuffer());
    const headers = Object.fromEntries(c.req.raw.headers);
    const shopId = c.req.param("shopId");
    const receipt = await receiveShopWebhook(platform.db.prisma, platform.shops, {
      platform: connector,
      shopId,
      headers,
      rawBody,
    });

    if (!receipt.ok) {
      platform.log.warn(
        { shopId, platform: connector.id, code: receipt.code },
        "shop webhook rejected",
      );
      return errorResponse(c, receipt.status, receipt.code, receipt.message);
    }
    if (receipt.outcome === "recorded") platform.worker.nudge();
    return c.json({ received: true, outcome: receipt.outcome });
  });

  return routes;
}
