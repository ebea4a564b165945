/**
 * What every wholesale supplier adapter implements: the sandbox here, CodesWholesale, Kinguin
 * and own stock later. The core calls only this interface and picks adapters by their `id`.
 *
 * Money is integer minor units (cents) with an ISO 4217 currency.
 */
export interface Supplier {
  /** Stable id stored with every purchase, e.g. "sandbox", "codeswholesale". */
  readonly id: string;

  /**
   * A catalogue product with its current price and stock, or undefined if the supplier does not
   * sell it. Example: `await supplier.getProduct("SBX-STARFIELD-EU")`.
   */
  getProduct(productId: string): Promise<SupplierProduct | undefined>;

  /**
   * Buys one unit. `reference` is our idempotency reference: a supplier that already holds an
   * order with it returns that order rather than charging again. Throws `SupplierError`.
   * Example: `await supplier.placeOrder({ reference: "pck_...", productId, maxPriceMinor: 2000,
   * currency: "EUR" })`.
   */
  placeOrder(request: PlaceOrderRequest): Promise<SupplierOrder>;

  /**
   * The order placed with this reference, keys included, or undefined when the supplier never
   * received it. Used after a crash or a lost answer, before deciding to buy again.
   */
  findOrder(reference: string): Promise<SupplierOrder | undefined>;
}

export type SupplierProduct = {
  id: string;
  name: string;
  priceMinor: number;
  currency: string;
  stock: number;
  keyKind: KeyKind;
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
};

export type SupplierKey =
  | { kind: "text"; code: string }
  | { kind: "image"; mimeType: string; data: Buffer; fileName: string };

export type SupplierErrorCode =
  "out_of_stock" | "price_above_maximum" | "unknown_product" | "unavailable" | "timeout";

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
    this.retryable = code !== "unknown_product" && code !== "price_above_maximum";
    this.details = details;
  }
}
