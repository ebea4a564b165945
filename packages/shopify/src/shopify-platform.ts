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

/** Order topics whose body is the full REST Order resource. */
const ORDER_TOPICS = new Set([
  "orders/create",
  "orders/paid",
  "orders/updated",
  "orders/cancelled",
]);

/** Shopify's own webhook deliveries to `POST /api/webhook/shopify/{shop_id}`. */
export const shopifyPlatform: ShopPlatform = {
  id: "shopify",

  classify(headers): DeliveryKind {
    const topic = headers["x-shopify-topic"];
    const webhookId = headers["x-shopify-webhook-id"];
    if (!topic) return { kind: "invalid", reason: "Missing X-Shopify-Topic header" };
    if (!ORDER_TOPICS.has(topic)) return { kind: "ignored", topic };
    if (!webhookId) return { kind: "invalid", reason: "Missing X-Shopify-Webhook-Id header" };
    return { kind: "order", topic, dedupeKey: webhookId };
  },

  verify(headers, rawBody, secret) {
    return checkBase64Signature(
      "X-Shopify-Hmac-Sha256",
      headers["x-shopify-hmac-sha256"],
      rawBody,
      secret,
    );
  },

  parseOrder(topic, rawBody) {
    return toSnapshot(topic, parseJsonLosslessly(rawBody) as ShopifyOrder);
  },

  fieldNames: {
    externalId: "admin_graphql_api_id",
    storeOrderRef: "name",
    paidAt: "processed_at",
    customerEmail: "email",
    customerName: "customer.first_name",
    customerExternalId: "customer.admin_graphql_api_id",
    buyerToken: "checkout_token",
    totalMinor: "total_price",
    updatedAt: "updated_at",
    lines: "line_items",
    externalLineId: "admin_graphql_api_id",
    externalProductId: "product_id",
    externalVariantId: "variant_id",
    unitPriceMinor: "price",
  },
};

type ShopifyOrder = {
  id: unknown;
  admin_graphql_api_id?: string;
  name?: string;
  order_number?: unknown;
  email?: string | null;
  contact_email?: string | null;
  currency: string;
  total_price?: string;
  financial_status?: string | null;
  processed_at?: string | null;
  updated_at?: string | null;
  cancelled_at?: string | null;
  test?: boolean;
  checkout_token?: string | null;
  customer?: {
    id?: unknown;
    admin_graphql_api_id?: string;
    first_name?: string | null;
    last_name?: string | null;
    email?: string | null;
  } | null;
  line_items: ShopifyLineItem[];
};

type ShopifyLineItem = {
  id: unknown;
  admin_graphql_api_id?: string;
  product_id?: unknown;
  variant_id?: unknown;
  sku?: string | null;
  name?: string;
  title?: string;
  quantity: number;
  price: string;
};

const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);

function toSnapshot(topic: string, order: ShopifyOrder): ShopOrderSnapshot {
  if (!order || typeof order !== "object" || !Array.isArray(order.line_items) || !order.currency) {
    throw new Error("Body is not a Shopify order");
  }
  const paid = topic === "orders/paid" || PAID_STATUSES.has(order.financial_status ?? "");
  const refunded = order.financial_status === "refunded";
  const name = [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(" ");

  return {
    // The GraphQL id is a string and therefore exact; the numeric id may not be.
    externalId: agreedId("order", order) ?? "",
    storeOrderRef: order.name ?? idText(order.order_number) ?? idText(order.id) ?? "",
    paid,
    paidAt: paid ? (timestamp(order.processed_at ?? order.updated_at) ?? new Date()) : undefined,
    cancelled: Boolean(order.cancelled_at) || refunded,
    test: order.test === true,
    customerEmail: order.email ?? order.contact_email ?? order.customer?.email ?? undefined,
    customerName: name || undefined,
    customerExternalId:
      gidNumber(order.customer?.admin_graphql_api_id) ?? idText(order.customer?.id),
    buyerToken: order.checkout_token || undefined,
    currency: order.currency,
    totalMinor: toMinorUnits(order.total_price ?? "0", order.currency),
    updatedAt: timestamp(order.updated_at),
    lines: order.line_items.map((line) => ({
      externalLineId: agreedId("line item", line) ?? "",
      externalProductId: idText(line.product_id),
      externalVariantId: idText(line.variant_id),
      sku: line.sku || undefined,
      name: line.name ?? line.title ?? "Item",
      quantity: line.quantity,
      unitPriceMinor: toMinorUnits(line.price, order.currency),
    })),
  };
}

function timestamp(text: string | null | undefined): Date | undefined {
  return text ? parseIsoTimestamp(text) : undefined;
}

/**
 * The record's id, from its GraphQL id when sent (a string, so exact) or else its numeric id. A
 * body whose two ids disagree names two records, and no one can say which was meant.
 */
function agreedId(what: string, record: { id: unknown; admin_graphql_api_id?: string }) {
  const fromGid = gidNumber(record.admin_graphql_api_id);
  const fromId = idText(record.id);
  if (fromGid && fromId && fromGid !== fromId) {
    throw new Error(`the ${what}'s id and admin_graphql_api_id name different records`);
  }
  return fromGid ?? fromId;
}

/** "gid://shopify/Order/5912345678901" -> "5912345678901". */
function gidNumber(gid: string | undefined): string | undefined {
  return gid?.match(/\/(\d+)$/)?.[1];
}
