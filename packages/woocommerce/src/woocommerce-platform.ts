import { createHash } from "node:crypto";
import {
  checkBase64Signature,
  idText,
  parseJsonLosslessly,
  parseIsoTimestamp,
  toMinorUnits,
  type DeliveryKind,
  type ShopOrderSnapshot,
  type ShopPlatform,
} from "@premiumcdkeys/core";
import { decodeHTML } from "entities";

const ORDER_TOPICS = new Set(["order.created", "order.updated", "order.restored"]);
const PAID_STATUSES = new Set(["processing", "completed"]);
const CANCELLED_STATUSES = new Set(["cancelled", "refunded", "failed", "trash"]);

/** WooCommerce webhook deliveries to `POST /api/webhook/woocommerce/{shop_id}`. */
export const woocommercePlatform: ShopPlatform = {
  id: "woocommerce",

  classify(headers, rawBody): DeliveryKind {
    const topic = headers["x-wc-webhook-topic"];
    // The ping sent when a webhook is created: form-encoded, unsigned, no X-WC-* headers.
    if (!topic && /^webhook_id=\d+$/.test(rawBody.toString("latin1").trim()))
      return { kind: "ping" };
    if (!topic) return { kind: "invalid", reason: "Missing X-WC-Webhook-Topic header" };
    if (!ORDER_TOPICS.has(topic)) return { kind: "ignored", topic };

    // The delivery id only names the webhook and the second it fired, so two different
    // deliveries can share it; the body hash tells them apart while a resend stays equal.
    const bodyHash = createHash("sha256").update(rawBody).digest("hex");
    const deliveryId = headers["x-wc-webhook-delivery-id"] ?? "";
    return { kind: "order", topic, dedupeKey: `${deliveryId}:${bodyHash}` };
  },

  verify(headers, rawBody, secret) {
    return checkBase64Signature(
      "X-WC-Webhook-Signature",
      headers["x-wc-webhook-signature"],
      rawBody,
      secret,
    );
  },

  parseOrder(_topic, rawBody) {
    return toSnapshot(parseJsonLosslessly(rawBody) as WooOrder);
  },

  fieldNames: {
    externalId: "id",
    storeOrderRef: "number",
    paidAt: "date_paid_gmt",
    customerEmail: "billing.email",
    customerName: "billing.first_name",
    totalMinor: "total",
    updatedAt: "date_modified_gmt",
    lines: "line_items",
    externalLineId: "id",
    externalProductId: "product_id",
    externalVariantId: "variation_id",
    unitPriceMinor: "total",
  },
};

type WooOrder = {
  id: unknown;
  number?: string;
  status: string;
  currency: string;
  total?: string;
  date_paid_gmt?: string | null;
  date_modified_gmt?: string | null;
  billing?: { first_name?: string; last_name?: string; email?: string };
  line_items: WooLineItem[];
};

type WooLineItem = {
  id: unknown;
  name?: string;
  product_id?: unknown;
  variation_id?: unknown;
  quantity: number;
  total?: string;
  total_tax?: string;
  sku?: string;
};

function toSnapshot(order: WooOrder): ShopOrderSnapshot {
  if (!order || typeof order !== "object" || !Array.isArray(order.line_items) || !order.currency) {
    throw new Error("Body is not a WooCommerce order");
  }
  const paid = Boolean(order.date_paid_gmt) || PAID_STATUSES.has(order.status);
  const name = [order.billing?.first_name, order.billing?.last_name].filter(Boolean).join(" ");

  return {
    externalId: idText(order.id) ?? "",
    storeOrderRef: order.number ?? idText(order.id) ?? "",
    paid,
    paidAt: order.date_paid_gmt
      ? parseIsoTimestamp(order.date_paid_gmt)
      : paid
        ? new Date()
        : undefined,
    cancelled: CANCELLED_STATUSES.has(order.status),
    test: false,
    customerEmail: order.billing?.email || undefined,
    customerName: name || undefined,
    currency: order.currency,
    totalMinor: toMinorUnits(order.total ?? "0", order.currency),
    updatedAt: order.date_modified_gmt ? parseIsoTimestamp(order.date_modified_gmt) : undefined,
    lines: order.line_items.map((line) => ({
      externalLineId: idText(line.id) ?? "",
      externalProductId: idText(line.product_id),
      externalVariantId: idText(line.variation_id),
      sku: line.sku || undefined,
      name: decodeHTML(line.name ?? "Item"),
      quantity: line.quantity,
      unitPriceMinor: unitGrossPrice(line, order.currency),
    })),
  };
}

/** Line totals exclude tax; the customer paid total + tax, shared over the units. */
function unitGrossPrice(line: WooLineItem, currency: string): number {
  const gross =
    toMinorUnits(line.total ?? "0", currency) + toMinorUnits(line.total_tax ?? "0", currency);
  return Math.round(gross / Math.max(1, line.quantity));
}
