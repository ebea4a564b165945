import { fixture, withIds } from "./shop-deliveries.ts";

/**
 * The fixtures as new orders. Sequence `n` shifts every id the shops would assign (order id,
 * order number, line ids) by the same step, so n = 0 is the fixture itself and each rerun of the
 * demo, or each bench order, is an order the platform has not seen yet.
 */
export type FixtureOrder = { externalId: string; storeOrderRef: string };

export type ShopifyOrder = FixtureOrder & { pending: string; paid: string };

export type WooOrder = FixtureOrder & { pending: string; processing: string };

/** The Shopify order id of sequence `n`, without reading the fixture. */
export function shopifyOrderId(n: number): string {
  return String(5912345678901 + n);
}

export function shopifyOrder(n: number): ShopifyOrder {
  const orderId = shopifyOrderId(n);
  const number = 1042 + n;
  const ids = {
    "5912345678901": orderId,
    "14456789012345": String(14456789012345 + 2 * n),
    "14456789012346": String(14456789012346 + 2 * n),
    '"name": "#1042"': `"name": "#${number}"`,
    '"order_number": 1042': `"order_number": ${number}`,
    '"number": 42,': `"number": ${42 + n},`,
  };
  return {
    externalId: orderId,
    storeOrderRef: `#${number}`,
    pending: withIds(fixture("shopify/orders-create-pending.json"), ids),
    paid: withIds(fixture("shopify/orders-paid.json"), ids),
  };
}

/** The WooCommerce order id (and number) of sequence `n`. */
export function wooOrderId(n: number): string {
  return String(4321 + n);
}

export function wooOrder(n: number): WooOrder {
  const orderId = wooOrderId(n);
  const ids = wooIds(n);
  return {
    externalId: orderId,
    storeOrderRef: orderId,
    pending: withIds(fixture("woocommerce/order-created-pending.json"), ids),
    processing: withIds(fixture("woocommerce/order-processing.json"), ids),
  };
}

/**
 * A paid WooCommerce order for one Starfield key after a two-thirds coupon: the customer paid less
 * than the supplier charges, so the platform refuses to buy at a loss and the order fails.
 */
export function wooOrderBelowCost(n: number): FixtureOrder & { processing: string } {
  const text = withIds(fixture("woocommerce/order-processing.json"), wooIds(n));
  const order = JSON.parse(text) as { id: number; number: string; line_items: object[] };
  const [starfield] = order.line_items;
  Object.assign(order, {
    total: "14.99",
    total_tax: "2.39",
    discount_total: "25.21",
    coupon_lines: [{ id: 4, code: "friends67", discount: "25.21", discount_tax: "4.79" }],
    line_items: [{ ...starfield, total: "12.60", total_tax: "2.39" }],
  });
  return {
    externalId: String(order.id),
    storeOrderRef: order.number,
    processing: JSON.stringify(order),
  };
}

function wooIds(n: number): Record<string, string> {
  return {
    '"id": 4321,': `"id": ${4321 + n},`,
    '"number": "4321"': `"number": "${4321 + n}"`,
    '"id": 77,': `"id": ${77 + 2 * n},`,
    '"id": 78,': `"id": ${78 + 2 * n},`,
  };
}
