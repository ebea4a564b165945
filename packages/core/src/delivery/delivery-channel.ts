/**
 * How keys reach the customer. The core delivers every fulfilled order through each configured
 * channel once: email here; Shopify fulfilments and WooCommerce notes plug in the same way.
 */
export interface DeliveryChannel {
  /** Stored with each delivery, e.g. "email"; also the contract's `delivery_method`. */
  readonly id: string;

  /** Sends the keys; throws when they did not go out, so the job retries. */
  deliver(order: DeliverableOrder): Promise<void>;

  /**
   * Shop-side channels only: whether this order goes through the shop. When a shop-side channel
   * takes an order, it replaces the channels without `handles` (the email) for that order.
   */
  handles?(order: DeliverableOrder): Promise<boolean>;
}

/** The channels that deliver one order: the shop's own when one takes it, else the others. */
export async function channelsFor(
  channels: DeliveryChannel[],
  order: DeliverableOrder,
): Promise<DeliveryChannel[]> {
  const shopSide: DeliveryChannel[] = [];
  for (const channel of channels) {
    if (channel.handles && (await channel.handles(order))) shopSide.push(channel);
  }
  return shopSide.length > 0 ? shopSide : channels.filter((channel) => !channel.handles);
}

export type DeliverableOrder = {
  id: string;
  accountId: string;
  shopId: string;
  /** The shop's own order id, e.g. to add a note to it. */
  externalId: string;
  shopDomain: string;
  storeOrderRef: string;
  customerEmail?: string;
  customerName?: string;
  items: DeliverableItem[];
};

export type DeliverableItem = {
  productName: string;
  key:
    | { kind: "text"; code: string }
    | { kind: "image"; mimeType: string; data: Buffer; fileName: string };
};
