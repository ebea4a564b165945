import { receiveShopWebhook, recordInboundDelivery, type Platform } from "@premiumcdkeys/core";
import {
  APP_TOPICS,
  findShopifyShop,
  SHOPIFY_APP_WEBHOOK_JOB,
  shopifyPlatform,
} from "@premiumcdkeys/shopify";
import type { ShopifyApp } from "./create-shopify-app.ts";

const REJECTIONS: Record<number, { code: string; message: string }> = {
  400: { code: "INVALID_WEBHOOK", message: "A required Shopify webhook header is missing" },
  401: { code: "INVALID_SIGNATURE", message: "X-Shopify-Hmac-Sha256 does not match the body" },
  405: { code: "METHOD_NOT_ALLOWED", message: "Webhooks are POST requests" },
};

/**
 * The app's webhook subscriptions (shopify.app.toml). Shopify's library checks the HMAC with
 * the app secret and the required headers; then order topics take exactly the path of the
 * contract's `POST /api/webhook/shopify/{shop_id}` and the app topics are recorded under the
 * same dedupe rule, (shop, topic, X-Shopify-Webhook-Id), for a job to apply.
 */
export async function receiveAppWebhook(
  request: Request,
  platform: Platform,
  shopify: ShopifyApp,
): Promise<Response> {
  const rawBody = Buffer.from(await request.clone().arrayBuffer());
  let webhook: Awaited<ReturnType<ShopifyApp["app"]["authenticate"]["webhook"]>>;
  try {
    webhook = await shopify.app.authenticate.webhook(request);
  } catch (error) {
    // The library parses the body once the HMAC has matched: a signed body that is not JSON.
    if (error instanceof SyntaxError) {
      return envelope(400, { code: "MALFORMED_JSON", message: "The body is not JSON" });
    }
    if (!(error instanceof Response)) throw error;
    const rejection = REJECTIONS[error.status] ?? REJECTIONS[400];
    platform.log.warn({ code: rejection.code }, "shopify app webhook rejected");
    return envelope(error.status in REJECTIONS ? error.status : 400, rejection);
  }

  // The library has checked the header is there; it reports the topic in its storage form.
  const topic = request.headers.get("x-shopify-topic") ?? "";
  const shop = await findShopifyShop(platform.db.prisma, webhook.shop);
  if (!shop) return answer("ignored");

  if ((APP_TOPICS as readonly string[]).includes(topic)) {
    const receipt = await recordInboundDelivery(
      platform.db.prisma,
      {
        shopId: shop.id,
        topic,
        dedupeKey: webhook.webhookId,
        body: rawBody.toString("utf8"),
      },
      SHOPIFY_APP_WEBHOOK_JOB,
    );
    if (receipt.ok && receipt.outcome === "recorded") platform.worker.nudge();
    return answer(receipt.ok ? receipt.outcome : "ignored");
  }

  if (!shop.active) return answer("ignored");
  const receipt = await receiveShopWebhook(platform.db.prisma, platform.shops, {
    platform: shopifyPlatform,
    shopId: shop.id,
    headers: Object.fromEntries(request.headers),
    rawBody,
    secret: shopify.config.apiSecret,
  });
  if (!receipt.ok) {
    platform.log.warn({ shopId: shop.id, code: receipt.code }, "shopify app webhook rejected");
    return envelope(receipt.status, receipt);
  }
  if (receipt.outcome === "recorded") platform.worker.nudge();
  return answer(receipt.outcome);
}

function answer(outcome: string): Response {
  return Response.json({ received: true, outcome });
}

function envelope(status: number, error: { code: string; message: string }): Response {
  return Response.json(
    { error: { code: error.code, message: error.message, details: {} } },
    { status },
  );
}
