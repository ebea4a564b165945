// The data of one fake WooCommerce shop, shaped as REST API v3 answers it (docs: "Orders",
// "Order notes", "Webhooks"). Only the fields the connector and the order reader use, plus a
// few that real answers always carry.

export type KeyPermissions = "read" | "write" | "read_write";

export type ApiKey = { consumerKey: string; consumerSecret: string; permissions: KeyPermissions };

export type FakeLine = {
  productId: number;
  variationId?: number;
  sku?: string;
  name: string;
  quantity: number;
  /** Gross unit price, e.g. "20.00". */
  price: string;
};

export type FakeOrder = {
  id: number;
  status: string;
  currency: string;
  email: string;
  lines: FakeLine[];
  createdAt: Date;
  modifiedAt: Date;
  paidAt: Date | null;
  completedAt: Date | null;
};

export type FakeNote = {
  id: number;
  note: string;
  customer_note: boolean;
  added_by_user: boolean;
  date_created_gmt: string;
};

export type FakeWebhook = {
  id: number;
  name: string;
  status: "active" | "paused" | "disabled";
  topic: string;
  delivery_url: string;
  secret: string;
  failureCount: number;
  pendingDelivery: boolean;
  createdAt: Date;
};

export const WEBHOOK_TOPICS = new Set(
  ["coupon", "customer", "order", "product"].flatMap((resource) =>
    ["created", "updated", "deleted", "restored"].map((event) => `${resource}.${event}`),
  ),
);

/** WooCommerce's `_gmt` dates: ISO 8601 without zone or fraction. */
export function gmt(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 19) : null;
}

/** An order as `GET /wp-json/wc/v3/orders/<id>` answers it, which is also the webhook body. */
export function orderJson(order: FakeOrder) {
  const lineTotals = order.lines.map((line) => Number(line.price) * line.quantity);
  return {
    id: order.id,
    parent_id: 0,
    number: String(order.id),
    order_key: `wc_order_${order.id.toString(36)}`,
    created_via: "checkout",
    version: "9.4.0",
    status: order.status,
    currency: order.currency,
    date_created: gmt(order.createdAt),
    date_created_gmt: gmt(order.createdAt),
    date_modified: gmt(order.modifiedAt),
    date_modified_gmt: gmt(order.modifiedAt),
    date_paid: gmt(order.paidAt),
    date_paid_gmt: gmt(order.paidAt),
    date_completed: gmt(order.completedAt),
    date_completed_gmt: gmt(order.completedAt),
    discount_total: "0.00",
    shipping_total: "0.00",
    total: lineTotals.reduce((sum, total) => sum + total, 0).toFixed(2),
    total_tax: "0.00",
    prices_include_tax: true,
    customer_id: 0,
    customer_note: "",
    billing: { first_name: "Ada", last_name: "Buyer", email: order.email, country: "DE" },
    payment_method: "stripe",
    payment_method_title: "Credit card",
    transaction_id: order.paidAt ? `pi_${order.id}` : "",
    meta_data: [],
    line_items: order.lines.map((line, index) => ({
      id: order.id * 100 + index,
      name: line.name,
      product_id: line.productId,
      variation_id: line.variationId ?? 0,
      quantity: line.quantity,
      tax_class: "",
      subtotal: lineTotals[index].toFixed(2),
      total: lineTotals[index].toFixed(2),
      total_tax: "0.00",
      taxes: [],
      meta_data: [],
      sku: line.sku ?? "",
      price: Number(line.price),
    })),
    refunds: [],
    needs_payment: !order.paidAt,
  };
}

export function webhookJson(hook: FakeWebhook) {
  const [resource, event] = hook.topic.split(".");
  return {
    id: hook.id,
    name: hook.name,
    status: hook.status,
    topic: hook.topic,
    resource,
    event,
    hooks: [],
    delivery_url: hook.delivery_url,
    date_created_gmt: gmt(hook.createdAt),
    date_modified_gmt: gmt(hook.createdAt),
  };
}
