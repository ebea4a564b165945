import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Platform } from "@premiumcdkeys/core";
import { allowedMethods } from "./allowed-methods.ts";
import { ApiError, errorResponse } from "./api-error.ts";
import { apiGate } from "./middleware/api-auth.ts";
import { requireJsonBodies } from "./middleware/json-content-type.ts";
import { requestLog } from "./middleware/request-log.ts";
import { openApiRoutes } from "./openapi/openapi-routes.ts";
import { orderRoutes } from "./routes/orders.ts";
import { productRoutes } from "./routes/products.ts";
import { shopWebhookRoutes } from "./routes/shop-webhooks.ts";
import { supplierRoutes } from "./routes/suppliers.ts";
import { supplierWebhookRoutes } from "./routes/supplier-webhooks.ts";
import { webhookEndpointRoutes } from "./routes/webhook-endpoints.ts";
import { mountWeb } from "../web/mount-web.ts";
import type { WebLayer } from "../web/web-layer.ts";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The HTTP surface: inbound shop webhooks, the v1 API, a health check and the Remix app. */
export function createHttpApp(platform: Platform, web?: WebLayer) {
  const app = new Hono();

  app.use("*", requestLog(platform.log));
  // Before the body limit, so that its 413 carries the rate-limit headers too.
  app.use("/api/v1/*", apiGate(platform));
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => errorResponse(c, 413, "PAYLOAD_TOO_LARGE", "The body is larger than 5 MB"),
    }),
  );

  app.use("/api/v1/*", requireJsonBodies(app));

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  // Before the shop receivers, whose `/:platform/:shopId` would take "suppliers/<name>".
  app.route("/api/webhook/suppliers", supplierWebhookRoutes(platform));
  app.route("/api/webhook", shopWebhookRoutes(platform));
  app.route("/api/v1", openApiRoutes());
  app.route("/api/v1/orders", orderRoutes(platform));
  app.route("/api/v1/products", productRoutes(platform));
  app.route("/api/v1/suppliers", supplierRoutes(platform));
  app.route("/api/v1/webhooks", webhookEndpointRoutes(platform));
  if (web) mountWeb(app, web);

  app.notFound((c) => {
    const allow = allowedMethods(app, c.req.path);
    if (allow.length === 0) return errorResponse(c, 404, "NOT_FOUND", "No such resource");
    c.header("Allow", allow.join(", "));
    return errorResponse(c, 405, "METHOD_NOT_ALLOWED", `Use ${allow.join(", ")} on this path`, {
      allow,
    });
  });
  app.onError((error, c) => {
    if (error instanceof ApiError)
      return errorResponse(c, error.status, error.code, error.message, error.details);
    platform.log.error({ err: error, path: c.req.path }, "request failed");
    return errorResponse(c, 500, "SERVER_ERROR", "Internal error");
  });
  return app;
}
