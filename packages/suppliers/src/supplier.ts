/**
 * What every wholesale supplier adapter implements: the sandbox, CodesWholesale, Kinguin and the
 * merchant's own stock. The core calls only this interface and picks adapters by their `id`.
 * One adapter instance serves one supplier account (credentials, base URL, currency).
 *
 * Money is integer minor units with an ISO 4217 currency (EUR 2 decimals, JPY 0, KWD 3).
 * Every method throws `SupplierError` for anything the supplier refuses or fails to answer.
 */
export interface Supplier {
  /** Stable id stored with every purchase, e.g. "sandbox", "codeswholesale". */
  readonly id: string;

  /**
   * A catalogue product with its current unit price, price tiers and stock, or undefined if the
   * supplier does not sell it (or, like Kinguin, hides it while out of stock).
   * Example: `await supplier.getProduct("SBX-STARFIELD-EU")`.
   */
  getProduct(productId: string): Promise<SupplierProduct | undefined>;

  /**
   * Buys one unit. `reference` is our idempotency reference, sent as the supplier's external
   * order id; `maxPriceMinor` is sent as the price we accept, and an answer above it is refused
   * with `price_above_maximum`. A pre-order answers with no keys and `pendingKeys` 1.
   * Example: `await supplier.placeOrder({ reference: "pck_...", productId, maxPriceMinor: 2000,
   * currency: "EUR" })`.
   */
  placeOrder(request: PlaceOrderRequest): Promise<SupplierOrder>;

  /**
   * The order placed with this reference, keys included (late pre-order keys too), or undefined
   * when the supplier never received it. Used after a crash, a timeout or a lost answer, before
   * deciding to buy again, and to collect pre-order keys.
   */
  findOrder(reference: string): Promise<SupplierOrder | undefined>;

  /** The order by the supplier's own id, keys included; undefined when unknown. */
  getOrder(supplierOrderId: string): Promise<SupplierOrder | undefined>;

  /** Catalogue search by name (at most `limit` results). */
  searchProducts(query: { text: string; limit?: number }): Promise<SupplierProduct[]>;

  /** What the account can still spend. */
  getBalance(): Promise<Money>;

  /**
   * Authenticates and reads a callback the supplier sent us. Undefined when it does not prove
   * itself; throws `SupplierError("invalid_callback")` for a body that cannot be read. The
   * result is only a hint: state is re-fetched from the API before anything is done with it.
   */
  parseCallback(callback: IncomingCallback): CallbackHint | undefined;
}

export type Money = { amountMinor: number; currency: string };

export type PriceTier = { fromQuantity: number; priceMinor: number };

export type SupplierProduct = {
  id: string;
  name: string;
  /** Price of one unit bought alone. */
  priceMinor: number;
  currency: string;
  stock: number;
  keyKind: KeyKind;
  /** Quantity-tiered prices when the supplier has them, lowest quantity first. */
  tiers?: PriceTier[];
  /** Not released yet: buying it gives a pre-order whose key comes later. */
  preorder?: boolean;
};

export type KeyKind = "text" | "image";

export type PlaceOrderRequest = {
  reference: string;
  productId: string;
  /** The supplier must refuse rather than charge more than this. */
  maxPriceMinor: number;
  currency: string;
};

export type SupplierOrder = {
  supplierOrderId: string;
  reference: string;
  productId: string;
  priceMinor: number;
  currency: string;
  keys: SupplierKey[];
  /** Units paid for whose key the supplier has not assigned yet. */
  pendingKeys?: number;
  /** The pending keys wait for a release (a pre-order), not merely for the supplier's queue. */
  preorder?: boolean;
};

export type SupplierKey =
  | { kind: "text"; code: string }
  | { kind: "image"; mimeType: string; data: Buffer; fileName: string };

export type IncomingCallback = { headers: Record<string, string>; body: Buffer };

export type CallbackHint = {
  /** "order": an order changed (keys may be ready); "stock": stock or prices changed. */
  kind: "order" | "stock" | "other";
  supplierOrderId?: string;
  reference?: string;
  productIds?: string[];
};

export type SupplierErrorCode =
  | "out_of_stock"
  | "price_above_maximum"
  | "unknown_product"
  | "unavailable"
  | "timeout"
  | "unknown_outcome"
  | "balance_too_low"
  | "rate_limited"
  | "auth_failed"
  | "invalid_callback";

const NOT_RETRYABLE: readonly SupplierErrorCode[] = [
  "unknown_product",
  "price_above_maximum",
  "invalid_callback",
];

/**
 * A failed supplier call. `retryable` says whether trying again later can succeed; `timeout`
 * also means the supplier may have charged, so the caller must look the order up first.
 */
export class SupplierError extends Error {
  readonly code: SupplierErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: SupplierErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "SupplierError";
    this.code = code;
    this.retryable = !NOT_RETRYABLE.includes(code);
    this.details = details;
  }
}

/** Errors after which the supplier may have charged: never buy elsewhere before looking it up. */
export function mayHaveCharged(error: SupplierError): boolean {
  return error.code === "timeout" || error.code === "unknown_outcome";
}

/**
 * Runs what follows a placed order (reading it, fetching its keys). Any failure there happens
 * after the supplier may have charged, so it is reported as `unknown_outcome`, never as a
 * refusal that would send the unit to another supplier.
 */
export async function afterOrderPlaced<T>(supplier: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const cause = error instanceof SupplierError ? error.code : "unreadable answer";
    throw new SupplierError("unknown_outcome", `${supplier} took the order; reading it failed`, {
      cause,
    });
  }
}
