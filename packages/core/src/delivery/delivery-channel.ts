/**
 * How keys reach the customer. The core delivers every fulfilled order through each configured
 * channel once: email here; Shopify fulfilments and WooCommerce notes plug in the same way.
 */
export interface DeliveryChannel {
  /** Stored with each delivery, e.g. "email"; also the contract's `delivery_method`. */
  readonly id: string;

  /**
   * Whether this channel serves the order at all (a shop-side channel serves its own shops
   * only); a channel that does not apply leaves no delivery record. Absent means always.
   */
  appliesTo?(order: DeliverableOrder): Promise<boolean>;

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
  shopDomain: string;
  /** "shopify" or "woocommerce". */
  shopPlatform: string;
  /** The shop's own order id, as text (e.g. to add a note to it). */
  externalId: string;
  storeOrderRef: string;
  customerEmail?: string;
  customerName?: string;
  items: DeliverableItem[];
};

export type DeliverableItem = {
  productName: string;
  /** The shop's id of the order line this key was bought for. */
  externalLineId: string;
  key:
    | { kind: "text"; code: string }
    | { kind: "image"; mimeType: string; data: Buffer; fileName: string };
};
