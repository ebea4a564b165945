import { EVENT_TYPES, ORDER_STATUSES } from "@premiumcdkeys/core";
import {
  arrayOf,
  bool,
  dateTime,
  int,
  nullable,
  num,
  object,
  oneOfValues,
  ref,
  str,
  uuid,
  type Schema,
} from "./schema-helpers.ts";

const money = (what: string) => num(`${what}, in major units of \`currency\` (20.00 is 20 EUR)`);

const errorBody = object({
  code: str("One of the documented error codes", { examples: ["ORDER_NOT_FOUND"] }),
  message: str("A sentence for people; do not parse it"),
  details: { type: "object", description: "More about the error; `{}` when there is none" },
});

const endpointProperties = {
  id: uuid(),
  url: str(undefined, { format: "uri" }),
  events: arrayOf(ref("EventType")),
  description: nullable(str()),
  status: oneOfValues(["active", "paused", "disabled"], "paused: after 5 failures in a row"),
  active: bool(),
  paused_at: nullable(dateTime()),
  consecutive_failures: int(),
  previous_secret_expires_at: nullable(
    dateTime("Until then secrets replaced by rotations sign too (each for 24 hours)"),
  ),
  created_at: dateTime(),
};

/** Every schema of the document's components. */
export const schemas: Record<string, Schema> = {
  Error: object({ error: errorBody }, { description: "The contract's error envelope" }),
  ValidationError: object({
    error: object({
      code: str(undefined, { const: "VALIDATION_ERROR" }),
      message: str(),
      details: object({
        fields: arrayOf(object({ field: str("The parameter or body field"), message: str() })),
      }),
    }),
  }),
  PageMeta: object(
    {
      total: int("Items matching the filters"),
      page: int("This page, from 1"),
      limit: int("Items per page"),
      pages: int("Number of pages"),
    },
    { optional: ["limit", "pages"] },
  ),
  OrderStatus: oneOfValues(ORDER_STATUSES),
  OrderSummary: object({
    id: uuid(),
    status: ref("OrderStatus"),
    product: nullable(str("Name of the first line's product")),
    created_at: dateTime(),
    store_order_id: str("The shop's order reference as the customer saw it"),
    shop_id: uuid(),
    total: money("Order total"),
    currency: str("ISO 4217"),
  }),
  Key: object(
    {
      code: str("The key; for image keys base64 of the image"),
      format: str("`text`, or the image's MIME type such as `image/png`"),
    },
    { description: "Only with `?include=keys` and a key holding the `keys` permission" },
  ),
  Purchase: object(
    {
      id: uuid(),
      unit: int("Index of the unit within its line, from 0"),
      reference: str("Our idempotency reference sent to the supplier"),
      status: oneOfValues(["pending", "calling", "confirmed", "failed"]),
      supplier: nullable(str()),
      supplier_order_id: nullable(str()),
      cost: nullable(money("What the supplier charged")),
      currency: nullable(str()),
      attempts: int(),
      last_error: nullable(str()),
      key: nullable(ref("Key")),
    },
    { optional: ["key"] },
  ),
  OrderLine: object({
    id: uuid(),
    shop_line_id: str(),
    name: str(),
    sku: nullable(str()),
    quantity: int(),
    unit_price: money("Price of one unit"),
    product: nullable(object({ id: uuid(), name: str() })),
    purchases: arrayOf(ref("Purchase"), "One per unit"),
  }),
  Order: object({
    id: uuid(),
    status: ref("OrderStatus"),
    store_order_id: str(),
    shop: object({ id: uuid(), platform: oneOfValues(["shopify", "woocommerce"]), domain: str() }),
    shop_order_id: str("The shop's own order id, as text"),
    customer_email: nullable(str()),
    currency: str(),
    total: money("Order total"),
    paid_at: nullable(dateTime()),
    created_at: dateTime(),
    updated_at: dateTime(),
    failure: nullable(
      object({ code: str(), message: nullable(str()), details: { type: "object" } }),
    ),
    lines: arrayOf(ref("OrderLine")),
    deliveries: arrayOf(
      object({
        method: str("`email`"),
        status: oneOfValues(["pending", "sent", "failed"]),
        sent_at: nullable(dateTime()),
        attempts: int(),
        last_error: nullable(str()),
      }),
    ),
  }),
  Product: object({
    id: uuid(),
    name: str(),
    sku: nullable(str()),
    max_cost: nullable(money("Never pay more than this per unit; null: the line's sale price")),
    currency: str(),
    low_stock_threshold: int(),
    created_at: dateTime(),
  }),
  ProductStock: object({
    product_id: uuid(),
    available: int("Units available across the offers"),
    offers: arrayOf(
      object({
        supplier: str(),
        supplier_product_id: str(),
        available: int(),
        cost: money("The supplier's price"),
        currency: str(),
      }),
    ),
    checked_at: dateTime("When the oldest figure was asked of its supplier"),
  }),
  Supplier: object({
    id: str(),
    name: str(),
    enabled: bool("Used for purchases in the key's mode"),
    sandbox: bool("Sells test keys only (Sandbox Mode)"),
  }),
  SupplierStock: object({
    supplier: str(),
    product_id: str("The supplier's product id"),
    available: int(),
    cost: money("The supplier's price"),
    currency: str(),
    checked_at: dateTime("When the supplier was asked (answers are kept 10 seconds)"),
  }),
  EventType: oneOfValues(EVENT_TYPES),
  WebhookEndpoint: object(endpointProperties),
  WebhookEndpointWithSecret: object({
    ...endpointProperties,
    secret: str("`whsec_...`, shown only when created or rotated", { pattern: "^whsec_" }),
  }),
  WebhookDelivery: object({
    id: uuid(),
    event: str(),
    event_id: nullable(str()),
    status: oneOfValues(["pending", "sending", "succeeded", "failed"]),
    attempts: int(),
    last_status: nullable(int("HTTP status of the last attempt")),
    next_attempt_at: nullable(dateTime()),
    delivered_at: nullable(dateTime()),
    created_at: dateTime(),
    attempt_log: arrayOf(
      object({
        at: dateTime(),
        status_code: nullable(int()),
        duration_ms: int(),
        error: nullable(str()),
      }),
    ),
  }),
  WebhookTestResult: object({
    delivery_id: uuid(),
    delivered: bool(),
    status_code: nullable(int()),
    duration_ms: int(),
    error: nullable(str()),
  }),
  WebhookReplay: object({ id: uuid(), status: str(), replay_of: uuid() }),
};
