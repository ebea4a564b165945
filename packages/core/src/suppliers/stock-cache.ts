import type { Supplier, SupplierProduct } from "@premiumcdkeys/suppliers";
import { withSupplierTimeout } from "../orders/supplier-call.ts";

export type StockReading = { product: SupplierProduct | undefined; checkedAt: Date };

/**
 * Live stock asked of supplier adapters, remembered for a few seconds so that an integrator
 * polling the API does not turn into one supplier call per request. Bounded in size; the oldest
 * reading is dropped first.
 */
export class StockCache {
  readonly #readings = new Map<string, StockReading>();

  constructor(
    private readonly options: { ttlMs: number; timeoutMs: number; maxEntries?: number },
  ) {}

  /** Forgets every reading; the next read asks the supplier. */
  clear(): void {
    this.#readings.clear();
  }

  async read(supplier: Supplier, supplierProductId: string): Promise<StockReading> {
    const key = `${supplier.id}\u0000${supplierProductId}`;
    const cached = this.#readings.get(key);
    if (cached && Date.now() - cached.checkedAt.getTime() < this.options.ttlMs) return cached;

    const product = await withSupplierTimeout(
      supplier.getProduct(supplierProductId),
      this.options.timeoutMs,
    );
    const reading = { product, checkedAt: new Date() };
    this.#readings.delete(key);
    this.#readings.set(key, reading);
    if (this.#readings.size > (this.options.maxEntries ?? 10_000)) {
      this.#readings.delete(this.#readings.keys().next().value!);
    }
    return reading;
  }
}
