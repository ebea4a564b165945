/**
 * What the WooCommerce connector package does at the shop, through its REST API v3. The core
 * keeps the state (sealed keys, webhook ids, cursors) and calls these; the connector keeps no
 * state and touches no database. Every expected failure is a value, never an exception.
 */
export interface WooCommerceConnector {
  /**
   * Checks that the keys can read and write, then registers one webhook per spec. On any
   * failure, webhooks it created are removed again: nothing is left at the shop.
   *
   * @example
   * await connector.connect(access, [{ topic: "order.created", deliveryUrl, secret }]);
   * // { ok: true, value: { "order.created": 17 } }
   */
  connect(access: WooAccess, webhooks: WooWebhookSpec[]): Promise<WooResult<WebhookIds>>;

  /** Re-activates disabled or paused webhooks and re-creates missing ones; reports each repair. */
  repairWebhooks(
    access: WooAccess,
    webhooks: WooWebhookSpec[],
    known: WebhookIds,
  ): Promise<WooResult<{ ids: WebhookIds; repairs: WebhookRepair[] }>>;

  /** Orders modified after `modifiedAfter` and created after `createdAfter`, oldest first. */
  ordersModifiedSince(
    access: WooAccess,
    modifiedAfter: Date,
    createdAfter: Date,
  ): Promise<WooResult<WooOrderText[]>>;

  /**
   * Adds one customer note holding the keys (WooCommerce emails it to the customer), unless that
   * exact note is already there, then sets the order `completed`.
   */
  deliverKeys(access: WooAccess, orderId: string, keys: NoteKey[]): Promise<WooResult<void>>;

  /** Adds a note only the merchant sees. */
  addPrivateNote(access: WooAccess, orderId: string, note: string): Promise<WooResult<void>>;

  /** Deletes these webhooks; ones already gone count as removed. */
  removeWebhooks(access: WooAccess, ids: number[]): Promise<WooResult<void>>;
}

export type WooAccess = { url: string; consumerKey: string; consumerSecret: string };

export type WooWebhookSpec = { topic: string; deliveryUrl: string; secret: string };

export type WebhookIds = Record<string, number>;

export type WebhookRepair = {
  topic: string;
  action: "reactivated" | "recreated" | "redirected";
  id: number;
};

/** One order as the shop's JSON text (the same body a webhook carries) and when it changed. */
export type WooOrderText = { id: string; modifiedAt: Date; body: string };

export type NoteKey = { productName: string; code: string };

export type WooErrorCode =
  | "WRONG_KEYS"
  | "READ_ONLY_KEYS"
  | "INSUFFICIENT_PERMISSIONS"
  | "PLAIN_PERMALINKS"
  | "NOT_WOOCOMMERCE"
  | "SHOP_UNREACHABLE"
  | "TLS_ERROR"
  | "PRIVATE_ADDRESS"
  | "SHOP_ERROR";

export type WooFailure = { code: WooErrorCode; message: string };

export type WooResult<T> = { ok: true; value: T } | { ok: false; error: WooFailure };

/** The topics we register: an order is read on creation and on every change (payment included). */
export const WOO_TOPICS = ["order.created", "order.updated"] as const;
