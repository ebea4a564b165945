/** The order life cycle of DESIGN.md. */
export const OrderStatus = {
  received: "received",
  /** Waiting for payment or for a product mapping. */
  pending: "pending",
  processing: "processing",
  /** Every key is held. */
  fulfilled: "fulfilled",
  delivered: "delivered",
  failed: "failed",
  cancelled: "cancelled",
} as const;

export type OrderStatusName = (typeof OrderStatus)[keyof typeof OrderStatus];

export const ORDER_STATUSES = Object.values(OrderStatus);

/** States from which buying may (still) start. */
export const BEFORE_PURCHASE: readonly string[] = [OrderStatus.received, OrderStatus.pending];
