/**
 * How keys reach the customer. The core delivers every fulfilled order through each configured
 * channel once: email here; Shopify fulfilments and WooCommerce notes plug in the same way.
 */
export interface DeliveryChannel {
  /** Stored with each delivery, e.g. "email"; also the contract's `delivery_method`. */
  readonly id: string;

  /** Sends the keys; throws when they did not go out, so the job retries. */
  deliver(order: DeliverableOrder): Promise<void>;
}

export type DeliverableOrder = {
  id: string;
  accountId: string;
  shopId: string;
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
