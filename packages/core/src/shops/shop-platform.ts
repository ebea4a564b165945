/**
 * What a shop platform connector (Shopify, WooCommerce) gives the core: how to recognise and
 * verify its webhook deliveries and how to read an order out of them. Connectors live in their
 * own packages and are handed to the core at start-up; the core never imports them.
 */
export interface ShopPlatform {
  readonly id: string;

  /**
   * Sorts a delivery before any parsing: a platform ping, an order event to record, or a topic
   * we do not act on. `headers` keys are lower-case.
   */
  classify(headers: Record<string, string | undefined>, rawBody: Buffer): DeliveryKind;

  /** Checks the signature over the exact bytes received, in constant time. */
  verify(
    headers: Record<string, string | undefined>,
    rawBody: Buffer,
    secret: string,
  ): Verification;

  /** Reads the order carried by a verified, recorded delivery. Throws on a body it cannot use. */
  parseOrder(topic: string, rawBody: string): ShopOrderSnapshot;

  /** The shop's own name of each snapshot field, so a refusal names what the shop sent. */
  readonly fieldNames: SnapshotFieldNames;
}

export type SnapshotFieldNames = Partial<
  Record<keyof ShopOrderSnapshot | keyof ShopOrderLine, string>
>;

export type DeliveryKind =
  | { kind: "ping" }
  | { kind: "order"; topic: string; dedupeKey: string }
  | { kind: "ignored"; topic: string }
  | { kind: "invalid"; reason: string };

export type Verification = { ok: true } | { ok: false; reason: string };

/** An order as the shop saw it at one moment; later snapshots may add payment or cancellation. */
export type ShopOrderSnapshot = {
  /** The shop's order id as text, digit for digit. */
  externalId: string;
  /** What the merchant and customer call the order, e.g. "#1042" or "4321". */
  storeOrderRef: string;
  paid: boolean;
  paidAt?: Date;
  cancelled: boolean;
  test: boolean;
  customerEmail?: string;
  customerName?: string;
  /** The shop's id of the customer who placed the order, when one was signed in. */
  customerExternalId?: string;
  /** A per-order secret the buyer's browser holds (Shopify's checkout_token); stored hashed. */
  buyerToken?: string;
  currency: string;
  totalMinor: number;
  /** When the shop last changed the order: older snapshots arriving late are ignored. */
  updatedAt?: Date;
  lines: ShopOrderLine[];
};

export type ShopOrderLine = {
  externalLineId: string;
  externalProductId?: string;
  externalVariantId?: string;
  sku?: string;
  name: string;
  quantity: number;
  /** What the customer paid for one unit, taxes included. */
  unitPriceMinor: number;
};
