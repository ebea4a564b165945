import { randomUUID } from "node:crypto";
import {
  SupplierError,
  type CallbackHint,
  type Money,
  type PlaceOrderRequest,
  type Supplier,
  type SupplierOrder,
  type SupplierProduct,
} from "../supplier.ts";
import { SANDBOX_CATALOGUE, type SandboxCatalogueEntry } from "./catalogue.ts";
import { sandboxKey } from "./key-material.ts";

/** Runs one SQL statement with positional parameters ($1, $2...) and returns its rows. */
export type SqlRunner = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;

export type SandboxOptions = {
  /** Delay before every answer, like a remote API. */
  latencyMs?: number;
  /** How long a "timeout" product hangs before failing. */
  timeoutMs?: number;
  /** Per-call failure rates between 0 and 1, drawn at random: for soak tests and demos. */
  randomErrorRate?: number;
};

/**
 * A supplier that behaves like a remote wholesaler: it remembers every order by our reference
 * (in its own tables, so it survives our restarts exactly as a real supplier would), its stock
 * goes down, and some catalogue entries fail on purpose (see catalogue.ts).
 */
export class SandboxSupplier implements Supplier {
  readonly id = "sandbox";
  readonly #sql: SqlRunner;
  readonly #options: Required<SandboxOptions>;

  constructor(sql: SqlRunner, options: SandboxOptions = {}) {
    this.#sql = sql;
    this.#options = { latencyMs: 0, timeoutMs: 30_000, randomErrorRate: 0, ...options };
  }

  async getProduct(productId: string): Promise<SupplierProduct | undefined> {
    await this.#delay();
    const entry = findEntry(productId);
    if (!entry) return undefined;
    const { id, name, priceMinor, currency, keyKind } = entry;
    return { id, name, priceMinor, currency, keyKind, stock: await this.#available(entry) };
  }

  async placeOrder(request: PlaceOrderRequest): Promise<SupplierOrder> {
    await this.#delay();
    const entry = findEntry(request.productId);
    if (!entry)
      throw new SupplierError("unknown_product", `No sandbox product ${request.productId}`);

    // Failing entries never hold an order, so the failure comes first; everything else looks for
    // an existing order with this reference only when the charge finds one (see #charge).
    this.#injectFailure(entry);
    if (entry.behaviour === "timeout") return this.#hang();
    if (entry.priceMinor > request.maxPriceMinor || entry.currency !== request.currency) {
      throw new SupplierError("price_above_maximum", "Price is above the buyer's maximum", {
        price_minor: entry.priceMinor,
        max_price_minor: request.maxPriceMinor,
      });
    }

    const { order, created } = await this.#charge(entry, request.reference);
    if (created && entry.behaviour === "charged_answer_lost") {
      throw new SupplierError("timeout", "Connection reset after the order was placed");
    }
    return order;
  }

  async findOrder(reference: string): Promise<SupplierOrder | undefined> {
    await this.#delay();
    return this.findOrderNow(reference);
  }

  async getOrder(supplierOrderId: string): Promise<SupplierOrder | undefined> {
    await this.#delay();
    const [row] = await this.#sql(
      `SELECT id, reference, product_id, price_minor, currency, key_kind
         FROM sandbox_supplier_orders WHERE id = $1`,
      supplierOrderId.replace(/^sbx_/, ""),
    );
    return row ? toOrder(row) : undefined;
  }

  async searchProducts(query: { text: string; limit?: number }): Promise<SupplierProduct[]> {
    const needle = query.text.toLowerCase();
    const found = SANDBOX_CATALOGUE.filter((entry) => entry.name.toLowerCase().includes(needle));
    const products = await Promise.all(
      found.slice(0, query.limit ?? 25).map((entry) => this.getProduct(entry.id)),
    );
    return products.filter((product): product is SupplierProduct => product !== undefined);
  }

  /** Sandbox money is play money: a fixed, ample balance. */
  getBalance(): Promise<Money> {
    return Promise.resolve({ amountMinor: 100_000_000, currency: "EUR" });
  }

  /** The sandbox answers at once and never calls back. */
  parseCallback(): CallbackHint | undefined {
    return undefined;
  }

  /** Orders charged so far: what a supplier's invoice would list. For tests and the demo. */
  async ledger(): Promise<{ reference: string; productId: string; priceMinor: number }[]> {
    const rows = await this.#sql(
      `SELECT reference, product_id, price_minor FROM sandbox_supplier_orders ORDER BY created_at`,
    );
    return rows.map((row) => ({
      reference: String(row.reference),
      productId: String(row.product_id),
      priceMinor: Number(row.price_minor),
    }));
  }

  private async findOrderNow(reference: string): Promise<SupplierOrder | undefined> {
    const [row] = await this.#sql(
      `SELECT id, reference, product_id, price_minor, currency, key_kind
         FROM sandbox_supplier_orders WHERE reference = $1`,
      reference,
    );
    return row ? toOrder(row) : undefined;
  }

  /** Takes one unit of stock and records the order in one statement, so stock never goes below 0. */
  async #charge(
    entry: SandboxCatalogueEntry,
    reference: string,
  ): Promise<{ order: SupplierOrder; created: boolean }> {
    const rows = await this.#sql(
      `WITH taken AS (
         INSERT INTO sandbox_supplier_stock (product_id, sold)
         SELECT $2, 1 WHERE NOT EXISTS (SELECT 1 FROM sandbox_supplier_orders WHERE reference = $3)
         ON CONFLICT (product_id) DO UPDATE SET sold = sandbox_supplier_stock.sold + 1
           WHERE sandbox_supplier_stock.sold < $6
         RETURNING product_id
       )
       INSERT INTO sandbox_supplier_orders (id, reference, product_id, price_minor, currency, key_kind)
       SELECT $1, $3, $2, $4, $5, $7 FROM taken WHERE $6 > 0
       ON CONFLICT (reference) DO NOTHING
       RETURNING id, reference, product_id, price_minor, currency, key_kind`,
      randomUUID(),
      entry.id,
      reference,
      entry.priceMinor,
      entry.currency,
      entry.initialStock,
      entry.keyKind,
    );
    if (rows[0]) return { order: toOrder(rows[0]), created: true };

    const existing = await this.findOrderNow(reference);
    if (existing) return { order: existing, created: false };
    throw new SupplierError("out_of_stock", `${entry.id} is out of stock`, {
      product_id: entry.id,
    });
  }

  async #available(entry: SandboxCatalogueEntry): Promise<number> {
    const [row] = await this.#sql(
      `SELECT sold FROM sandbox_supplier_stock WHERE product_id = $1`,
      entry.id,
    );
    return Math.max(0, entry.initialStock - Number(row?.sold ?? 0));
  }

  #injectFailure(entry: SandboxCatalogueEntry): void {
    if (entry.behaviour === "out_of_stock") {
      throw new SupplierError("out_of_stock", `${entry.id} is out of stock`, {
        product_id: entry.id,
      });
    }
    if (entry.behaviour === "error" || Math.random() < this.#options.randomErrorRate) {
      throw new SupplierError("unavailable", "Supplier answered 503 Service Unavailable", {
        status: 503,
      });
    }
  }

  async #hang(): Promise<never> {
    await new Promise((resolve) => setTimeout(resolve, this.#options.timeoutMs));
    throw new SupplierError("timeout", "The supplier did not answer in time");
  }

  async #delay(): Promise<void> {
    if (this.#options.latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.#options.latencyMs));
    }
  }
}

function findEntry(productId: string): SandboxCatalogueEntry | undefined {
  return SANDBOX_CATALOGUE.find((entry) => entry.id === productId);
}

function toOrder(row: Record<string, unknown>): SupplierOrder {
  const reference = String(row.reference);
  return {
    supplierOrderId: `sbx_${String(row.id)}`,
    reference,
    productId: String(row.product_id),
    priceMinor: Number(row.price_minor),
    currency: String(row.currency),
    keys: [sandboxKey(reference, row.key_kind === "image" ? "image" : "text")],
    pendingKeys: 0,
  };
}
