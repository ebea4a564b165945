import {
  SupplierError,
  type CallbackHint,
  type Money,
  type PlaceOrderRequest,
  type Supplier,
  type SupplierKey,
  type SupplierOrder,
  type SupplierProduct,
} from "../supplier.ts";

/** A key the merchant imported, as the store hands it out. */
export type StockKey = {
  id: string;
  sku: string;
  costMinor: number;
  currency: string;
  key: SupplierKey;
};

export type StockSummary = {
  sku: string;
  available: number;
  /** Cost of the next key sold (the oldest unsold one). */
  nextCostMinor: number;
  currency: string;
};

/** Where own-stock keys live (the core keeps them sealed in its database). */
export interface OwnStockStore {
  summary(sku: string): Promise<StockSummary | undefined>;
  search(text: string, limit: number): Promise<StockSummary[]>;
  /**
   * Marks the oldest unsold key of `sku` costing at most `maxCostMinor` as sold to `reference`,
   * atomically, and returns it; the key already sold to `reference` if there is one.
   */
  take(sku: string, reference: string, maxCostMinor: number): Promise<StockKey | undefined>;
  findByReference(reference: string): Promise<StockKey | undefined>;
  findById(id: string): Promise<StockKey | undefined>;
}

/** The merchant's own keys, imported from CSV, sold like any supplier's. */
export class OwnStockSupplier implements Supplier {
  readonly id = "own_stock";

  constructor(
    private readonly store: OwnStockStore,
    private readonly currency: string,
  ) {}

  async getProduct(sku: string): Promise<SupplierProduct | undefined> {
    const summary = await this.store.summary(sku);
    return summary && toProduct(summary);
  }

  async searchProducts(query: { text: string; limit?: number }): Promise<SupplierProduct[]> {
    const found = await this.store.search(query.text, query.limit ?? 25);
    return found.map(toProduct);
  }

  async placeOrder(request: PlaceOrderRequest): Promise<SupplierOrder> {
    const summary = await this.store.summary(request.productId);
    if (!summary) throw new SupplierError("unknown_product", `No own stock ${request.productId}`);
    if (summary.currency !== request.currency) {
      throw new SupplierError("price_above_maximum", `Own stock is costed in ${summary.currency}`);
    }
    const taken = await this.store.take(
      request.productId,
      request.reference,
      request.maxPriceMinor,
    );
    if (taken) return toOrder(taken, request.reference);
    if (summary.available > 0 && summary.nextCostMinor > request.maxPriceMinor) {
      throw new SupplierError("price_above_maximum", "Own stock costs more than the maximum", {
        price_minor: summary.nextCostMinor,
        max_price_minor: request.maxPriceMinor,
      });
    }
    throw new SupplierError("out_of_stock", `No own stock left of ${request.productId}`);
  }

  async findOrder(reference: string): Promise<SupplierOrder | undefined> {
    const found = await this.store.findByReference(reference);
    return found && toOrder(found, reference);
  }

  async getOrder(supplierOrderId: string): Promise<SupplierOrder | undefined> {
    const found = await this.store.findById(supplierOrderId.replace(/^own_/, ""));
    return found && toOrder(found, supplierOrderId);
  }

  /** Own stock is paid for already: nothing to spend. */
  getBalance(): Promise<Money> {
    return Promise.resolve({ amountMinor: 0, currency: this.currency });
  }

  /** Nobody calls back about keys the merchant holds. */
  parseCallback(): CallbackHint | undefined {
    return undefined;
  }
}

function toProduct(summary: StockSummary): SupplierProduct {
  return {
    id: summary.sku,
    name: summary.sku,
    priceMinor: summary.nextCostMinor,
    currency: summary.currency,
    stock: summary.available,
    keyKind: "text",
  };
}

function toOrder(taken: StockKey, reference: string): SupplierOrder {
  return {
    supplierOrderId: `own_${taken.id}`,
    reference,
    productId: taken.sku,
    priceMinor: taken.costMinor,
    currency: taken.currency,
    keys: [taken.key],
    pendingKeys: 0,
  };
}
