// The API's resources exactly as they travel: field names are the API's (snake_case), money is a
// decimal number in major units beside its ISO 4217 currency, times are ISO-8601 strings.

export type OrderStatus =
  "received" | "pending" | "processing" | "fulfilled" | "delivered" | "failed" | "cancelled";

export type EventType =
  "order.created" | "order.fulfilled" | "order.delivered" | "order.failed" | "stock.low";

export type PageMeta = { total: number; page: number; limit?: number; pages?: number };

/** One page of a list: `data` plus `meta`, as the API answers it. */
export type Page<T> = { data: T[]; meta: PageMeta };

/** A row of `orders.list()`: the contract's fields first. */
export type OrderSummary = {
  id: string;
  status: OrderStatus;
  /** The first line's product name. */
  product: string | null;
  created_at: string;
  store_order_id: string | null;
  shop_id: string;
  total: number;
  currency: string;
};

export type OrderFailure = {
  code: string;
  message: string | null;
  details: Record<string, unknown>;
};

/** A key code, present only when asked for with `include: "keys"` by a key allowed to read keys. */
export type KeyCode = { code: string; format: string };

export type Purchase = {
  id: string;
  unit: number;
  reference: string;
  status: string;
  supplier: string | null;
  supplier_order_id: string | null;
  cost: number | null;
  currency: string | null;
  attempts: number;
  last_error: string | null;
  /** Only with `include: "keys"`; `null` while the unit has no key yet. */
  key?: KeyCode | null;
};

export type OrderLine = {
  id: string;
  shop_line_id: string;
  name: string;
  sku: string | null;
  quantity: number;
  unit_price: number;
  product: { id: string; name: string } | null;
  /** One per unit. */
  purchases: Purchase[];
};

export type OrderDelivery = {
  method: string;
  status: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
};

/** `orders.get()` and `orders.process()`. */
export type Order = {
  id: string;
  status: OrderStatus;
  store_order_id: string | null;
  shop: { id: string; platform: string; domain: string };
  shop_order_id: string;
  customer_email: string | null;
  currency: string;
  total: number;
  paid_at: string | null;
  created_at: string;
  updated_at: string;
  failure: OrderFailure | null;
  lines: OrderLine[];
  deliveries: OrderDelivery[];
};

export type Product = {
  id: string;
  name: string;
  sku: string | null;
  /** Never paid more than this per unit; `null`: the line's sale price. */
  max_cost: number | null;
  currency: string;
  low_stock_threshold: number;
  created_at: string;
};

export type StockOffer = {
  supplier: string;
  supplier_product_id: string;
  available: number;
  cost: number;
  currency: string;
};

export type ProductStock = {
  product_id: string;
  available: number;
  offers: StockOffer[];
  checked_at: string;
};

export type Supplier = { id: string; name: string; enabled: boolean; sandbox: boolean };

export type SupplierStock = {
  supplier: string;
  /** The supplier's own product id. */
  product_id: string;
  available: number;
  cost: number;
  currency: string;
  /** When the supplier was asked (answers are kept briefly). */
  checked_at: string;
};

export type WebhookEndpoint = {
  id: string;
  url: string;
  events: EventType[];
  status: "active" | "paused" | "disabled";
  active: boolean;
  paused_at: string | null;
  consecutive_failures: number;
  description: string | null;
  /** Until then the secret before the last rotation signs too. */
  previous_secret_expires_at: string | null;
  created_at: string;
};

/** Answered by `create()` and `rotateSecret()` only: the signing secret is shown once. */
export type WebhookEndpointWithSecret = WebhookEndpoint & { secret: string };

export type WebhookDeliveryAttempt = {
  at: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
};

export type WebhookDelivery = {
  id: string;
  event: string;
  event_id: string | null;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  last_status: number | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
  attempt_log: WebhookDeliveryAttempt[];
};

export type WebhookTestResult = {
  delivery_id: string;
  delivered: boolean;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
};

export type WebhookReplay = { id: string; status: string; replay_of: string };
