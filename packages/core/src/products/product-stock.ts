import type { Logger } from "../logger.ts";
import type { AccountSupplier } from "../suppliers/suppliers-for-account.ts";
import type { StockCache } from "../suppliers/stock-cache.ts";

export type OfferStock = {
  supplier: string;
  supplierProductId: string;
  available: number;
  costMinor: number;
  currency: string;
};

type Offer = { supplier: string; supplierProductId: string };

/**
 * A product's stock across the offers the caller's mode may buy from, asked of each supplier
 * (through the short cache). An offer whose supplier does not answer or no longer sells the
 * product is left out and logged, so one failing supplier does not hide the others' stock.
 */
export async function productStock(
  offers: Offer[],
  suppliers: Map<string, AccountSupplier>,
  cache: StockCache,
  log: Logger,
): Promise<{ available: number; offers: OfferStock[]; checkedAt: Date }> {
  const found: OfferStock[] = [];
  let checkedAt = new Date();
  for (const offer of offers) {
    const entry = suppliers.get(offer.supplier);
    if (!entry) continue;
    try {
      const reading = await cache.read(entry.supplier, offer.supplierProductId);
      if (reading.checkedAt < checkedAt) checkedAt = reading.checkedAt;
      if (!reading.product) continue;
      found.push({
        supplier: offer.supplier,
        supplierProductId: offer.supplierProductId,
        available: reading.product.stock,
        costMinor: reading.product.priceMinor,
        currency: reading.product.currency,
      });
    } catch (error) {
      log.warn({ supplier: offer.supplier, err: error }, "stock check failed");
    }
  }
  const available = found.reduce((sum, offer) => sum + offer.available, 0);
  return { available, offers: found, checkedAt };
}
