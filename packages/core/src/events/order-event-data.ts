import { fromMinorUnits } from "../money.ts";

type LineForEvent = {
  id: string;
  name: string;
  quantity: number;
  productId: string | null;
  product: { id: string; name: string } | null;
  purchases: {
    supplier: string | null;
    costMinor: number | null;
    currency: string | null;
    status: string;
  }[];
};

export type OrderForEvent = {
  id: string;
  shopId: string;
  externalId: string;
  storeOrderRef: string;
  status: string;
  currency: string;
  lines: LineForEvent[];
  deliveries: { channel: string; status: string }[];
};

/**
 * The `data` of every order event. The first line's fields sit at the top level exactly as in
 * the contract's `order.fulfilled` example; `lines` repeats them for every line of the order.
 */
export function orderEventData(order: OrderForEvent, extra: Record<string, unknown> = {}) {
  const delivered = order.deliveries.some((delivery) => delivery.status === "sent");
  const deliveryMethod = order.deliveries[0]?.channel ?? "email";
  const lines = order.lines.map((line) =>
    lineData(line, order.currency, delivered, deliveryMethod),
  );
  const first = lines[0];

  return {
    order_id: order.id,
    store_order_id: order.storeOrderRef,
    shop_id: order.shopId,
    shop_order_id: order.externalId,
    status: order.status,
    product: first?.product ?? null,
    supplier: first?.supplier ?? null,
    cost: first?.cost ?? null,
    currency: first?.currency ?? order.currency,
    quantity: first?.quantity ?? 0,
    key: first?.key ?? { delivered, delivery_method: deliveryMethod },
    lines,
    ...extra,
  };
}

function lineData(line: LineForEvent, orderCurrency: string, delivered: boolean, method: string) {
  const bought = line.purchases.filter((purchase) => purchase.status === "confirmed");
  const currency = bought[0]?.currency ?? orderCurrency;
  const costMinor = bought.reduce((sum, purchase) => sum + (purchase.costMinor ?? 0), 0);

  return {
    line_id: line.id,
    product: line.product
      ? { id: line.product.id, name: line.product.name }
      : { id: null, name: line.name },
    supplier: bought[0]?.supplier ?? null,
    cost: bought.length > 0 ? fromMinorUnits(costMinor, currency) : null,
    currency,
    quantity: line.quantity,
    keys_held: bought.length,
    key: { delivered, delivery_method: method },
  };
}

/** The Prisma `include` that loads what `orderEventData` reads. */
export const ORDER_EVENT_INCLUDE = {
  lines: {
    orderBy: { position: "asc" },
    include: {
      product: { select: { id: true, name: true } },
      purchases: { select: { supplier: true, costMinor: true, currency: true, status: true } },
    },
  },
  deliveries: { select: { channel: true, status: true } },
} as const;
