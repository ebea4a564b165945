import { Hono } from "hono";
import { receiveSupplierCallback, type Platform } from "@premiumcdkeys/core";
import { errorResponse } from "../api-error.ts";

/**
 * `POST /api/webhook/suppliers/{supplier}`: CodesWholesale postbacks and Kinguin webhooks. The
 * raw body is handed over untouched; the answer is an empty 204, which both suppliers accept.
 */
export function supplierWebhookRoutes(platform: Platform) {
  const routes = new Hono();

  routes.post("/:supplier", async (c) => {
    const supplier = c.req.param("supplier");
    const rawBody = Buffer.from(await c.req.arrayBuffer());
    const headers = Object.fromEntries(c.req.raw.headers);
    const receipt = await receiveSupplierCallback(platform.db.prisma, platform.supplierRegistry, {
      supplier,
      headers,
      rawBody,
    });
    if (!receipt.ok) {
      platform.log.warn({ supplier, code: receipt.code }, "supplier callback rejected");
      return errorResponse(c, receipt.status, receipt.code, receipt.message);
    }
    if (receipt.outcome === "recorded") platform.worker.nudge();
    return c.body(null, 204);
  });

  return routes;
}
