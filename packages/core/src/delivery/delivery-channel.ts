import type { DeliveryOptions } from "../dashboard/account-preferences.ts";

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
   * takes an order, it replaces the channels without `handles` (the email) for that order,
   * unless `emailAlongside` or the account's delivery options keep them.
   */
  handles?(order: DeliverableOrder): Promise<boolean>;

  /**
   * Shop-side channels only: whether our key email still goes out with this channel when the
   * account leaves it to the platform. Shopify's fulfilment carries no keys in its own emails,
   * so it keeps ours; a WooCommerce customer note is emailed by the shop, so it replaces ours.
   */
  readonly emailAlongside?: boolean;
}

/**
 * The channels that deliver one order: the shop's own when one takes it, else the others; the
 * others (our key email) go along too when the account's choice or the shop's platform says so.
 */
export async function channelsFor(
  channels: DeliveryChannel[],
  order: DeliverableOrder,
  withShopDelivery: DeliveryOptions["withShopDelivery"] = "platform",
): Promise<DeliveryChannel[]> {
  const shopSide: DeliveryChannel[] = [];
  for (const channel of channels) {
    if (channel.handles && (await channel.handles(order))) shopSide.push(channel);
  }
  const others = channels.filter((channel) => !channel.handles);
  if (shopSide.length === 0) return others;

  const emailToo =
    withShopDelivery === "always" ||
    (withShopDelivery === "platform" && shopSide.some((channel) => channel.emailAlongside));
  return emailToo ? [...others, ...shopSide] : shopSide;
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
  /** The account's choices for the key email. */
  delivery: DeliveryOptions;
};

export type DeliverableItem = {
  productName: string;
  /** The shop's id of the order line this key was bought for. */
  externalLineId: string;
  key:
    | { kind: "text"; code: string }
    | { kind: "image"; mimeType: string; data: Buffer; fileName: string };
};
