/** The outgoing events of the contract. */
export const EVENT_TYPES = [
  "order.created",
  "order.fulfilled",
  "order.delivered",
  "order.failed",
  "stock.low",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
