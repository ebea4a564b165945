import { fromMinorUnits } from "@premiumcdkeys/core";
import type { findOrder, listOrders, ReadKey } from "@premiumcdkeys/core";

type ListedOrder = Awaited<ReturnType<typeof listOrders>>["orders"][number];
type DetailedOrder = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

/** A row of `GET /api/v1/orders`, with the contract's fields first. */
export function orderSummary(order: ListedOrder) {
  return {
    id: order.id,
    status: order.status,
    product: order.lines[0]?.product?.name ?? order.lines[0]?.name ?? null,
    created_at: order.createdAt.toISOString(),
    store_order_id: order.storeOrderRef,
    shop_id: order.shopId,
    total: fromMinorUnits(order.totalMinor, order.currency),
    currency: order.currency,
  };
}

/**
 * `GET /api/v1/orders/{id}`: lines, one purchase per unit, delivery state. Key codes only when
 * `keys` is given (`?include=keys`, read and audited by the caller): each unit then has `key`.
 */
export function orderDetail(order: DetailedOrder, keys?: Map<string, ReadKey>) {
  return {
    id: order.id,
    status: order.status,
    store_order_id: order.storeOrderRef,
    shop: { id: order.shop.id, platform: order.shop.platform, domain: order.shop.domain },
    shop_order_id: order.externalId,
    customer_email: order.customerEmail,
    currency: order.currency,
    total: fromMinorUnits(order.totalMinor, order.currency),
    paid_at: order.paidAt?.toISOString() ?? null,
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
    failure: order.failureCode
      ? {
          code: order.failureCode,
          message: order.failureMessage,
          details: order.failureDetails ?? {},
        }
      : null,
    lines: order.lines.map((line) => ({
      id: line.id,
      shop_line_id: line.externalLineId,
      name: line.name,
      sku: line.sku,
      quantity: line.quantity,
      unit_price: fromMinorUnits(line.unitPriceMinor, order.currency),
      product: line.product ? { id: line.product.id, name: line.product.name } : null,
      purchases: line.purchases.map((purchase) => ({
        id: purchase.id,
        unit: purchase.unitIndex,
        reference: purchase.reference,
        status: purchase.status,
        supplier: purchase.supplier,
        supplier_order_id: purchase.supplierOrderId,
        cost:
          purchase.costMinor === null
            ? null
            : fromMinorUnits(purchase.costMinor, purchase.currency ?? order.currency),
        currency: purchase.currency,
        attempts: purchase.attempts,
        last_error: purchase.lastError,
        ...(keys ? { key: keys.get(purchase.id) ?? null } : {}),
      })),
    })),
    deliveries: order.deliveries.map((delivery) => ({
      method: delivery.channel,
      status: delivery.status,
      sent_at: delivery.sentAt?.toISOString() ?? null,
      attempts: delivery.attempts,
      last_error: delivery.lastError,
    })),
  };
}
