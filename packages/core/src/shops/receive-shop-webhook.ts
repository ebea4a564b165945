import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../db/types.ts";
import { readOrder } from "./order-snapshot-schema.ts";
import type { ShopDirectory } from "./shop-directory.ts";
import type { ShopPlatform } from "./shop-platform.ts";

export const PROCESS_SHOP_WEBHOOK_JOB = "shop-webhook.process";

export type WebhookReceipt =
  | { ok: true; outcome: "recorded" | "duplicate" | "ping" | "ignored"; inboundId?: string }
  | { ok: false; status: 400 | 401 | 404; code: string; message: string };

type Delivery = {
  platform: ShopPlatform;
  shopId: string;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  /**
   * The secret that signs this delivery when it is not the shop's own: the Shopify app's
   * webhooks are signed with the app's secret.
   */
  secret?: string;
};

/**
 * The fast path of an inbound shop webhook: recognise, verify on the raw bytes, check it is
 * JSON, then record it and its processing job in one statement. Nothing else happens before
 * the shop gets its answer; a rejected delivery leaves no trace in the database.
 */
export async function receiveShopWebhook(
  prisma: PrismaClient,
  shops: ShopDirectory,
  delivery: Delivery,
): Promise<WebhookReceipt> {
  const { platform, headers, rawBody } = delivery;
  const shop = await shops.find(delivery.shopId);
  if (!shop || shop.platform !== platform.id) {
    return { ok: false, status: 404, code: "SHOP_NOT_FOUND", message: "No such shop" };
  }

  const kind = platform.classify(headers, rawBody);
  if (kind.kind === "ping") return { ok: true, outcome: "ping" };

  const verification = platform.verify(headers, rawBody, delivery.secret ?? shop.webhookSecret);
  if (!verification.ok) {
    return { ok: false, status: 401, code: "INVALID_SIGNATURE", message: verification.reason };
  }
  if (kind.kind === "invalid")
    return { ok: false, status: 400, code: "INVALID_WEBHOOK", message: kind.reason };
  if (kind.kind === "ignored") return { ok: true, outcome: "ignored" };

  const body = rawBody.toString("utf8");
  if (!isJsonObject(body)) {
    return {
      ok: false,
      status: 400,
      code: "MALFORMED_JSON",
      message: "The body is not a JSON object",
    };
  }
  const order = readOrder(platform, kind.topic, body);
  if (!order.ok) return { ok: false, status: 400, code: "INVALID_ORDER", message: order.reason };

  const delivered = { shopId: shop.id, topic: kind.topic, dedupeKey: kind.dedupeKey, body };
  return recordInboundDelivery(prisma, delivered, PROCESS_SHOP_WEBHOOK_JOB);
}

/**
 * Records a verified delivery and the job that will process it, in one statement, once per
 * (shop, topic, dedupe key): the one dedupe rule of every inbound shop webhook.
 */
export async function recordInboundDelivery(
  prisma: PrismaClient,
  delivery: { shopId: string; topic: string; dedupeKey: string; body: string },
  jobType: string,
): Promise<WebhookReceipt> {
  const { shopId, topic, dedupeKey, body } = delivery;
  const inboundId = randomUUID();
  const recorded = await prisma.$executeRaw`
    WITH inbound AS (
      INSERT INTO inbound_webhooks (id, shop_id, topic, dedupe_key, body)
      VALUES (${inboundId}, ${shopId}, ${topic}, ${dedupeKey}, ${body})
      ON CONFLICT (shop_id, topic, dedupe_key) DO NOTHING
      RETURNING id)
    INSERT INTO jobs (type, payload)
    SELECT ${jobType}, jsonb_build_object('inboundId', id) FROM inbound`;

  return recorded
    ? { ok: true, outcome: "recorded", inboundId }
    : { ok: true, outcome: "duplicate" };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
