import { SupplierError, type Supplier, type SupplierProduct } from "@premiumcdkeys/suppliers";
import { withSupplierTimeout } from "../orders/supplier-call.ts";
import type { Candidate, UnitReason } from "../orders/buy-unit.ts";

export type OfferToRoute = { supplier: string; supplierProductId: string; priority: number };

export type RouteRules = {
  strategy: string;
  ownStockFirst: boolean;
  maxCostMinor: number;
  currency: string;
  timeoutMs: number;
  /**
   * The account's supplier connections' priorities by supplier id (lower first); a supplier
   * without a connection (the built-in sandbox) counts as 0.
   */
  supplierPriority?: Record<string, number>;
};

export type Route = {
  candidates: Candidate[];
  skipped: UnitReason[];
  /** Details of the first offer refused for its price, for the order's failure. */
  priceRefusal?: Record<string, unknown>;
};

type Quote = { offer: OfferToRoute; supplier: Supplier; product: SupplierProduct };

/**
 * Orders one product's supplier offers for buying: offers whose price is above the maximum,
 * in another currency, unknown or not connected are left out; the others go cheapest first
 * (or in the offers' priority order), own stock first when the product says so. Ties go by the
 * offers' priority, then by the priority of the supplier's connection. Offers that
 * look out of stock, or whose check failed, come last rather than never: stock figures are
 * hints (a supplier can refuse an order it showed stock for, and the reverse).
 */
export async function planRoute(
  offers: OfferToRoute[],
  suppliers: Record<string, Supplier>,
  rules: RouteRules,
  quotes: Map<string, Promise<SupplierProduct | undefined>>,
): Promise<Route> {
  const ready: Quote[] = [];
  const doubtful: Quote[] = [];
  const skipped: UnitReason[] = [];
  let priceRefusal: Record<string, unknown> | undefined;
  const skip = (supplier: string, code: string, message: string, retryable: boolean) =>
    skipped.push({ supplier, code, message, retryable });

  for (const offer of offers) {
    const supplier = suppliers[offer.supplier];
    if (!supplier) {
      skip(offer.supplier, "not_connected", "No enabled connection in this mode", false);
      continue;
    }
    const key = `${offer.supplier}:${offer.supplierProductId}`;
    if (!quotes.has(key)) {
      const quote = withSupplierTimeout(
        supplier.getProduct(offer.supplierProductId),
        rules.timeoutMs,
      );
      quote.catch(() => undefined);
      quotes.set(key, quote);
    }
    let product: SupplierProduct | undefined;
    try {
      product = await quotes.get(key);
    } catch (caught) {
      const error =
        caught instanceof SupplierError
          ? caught
          : new SupplierError("unavailable", "Price check failed");
      skip(offer.supplier, error.code, `Price check failed: ${error.message}`, true);
      doubtful.push({
        offer,
        supplier,
        product: {
          id: offer.supplierProductId,
          name: "",
          priceMinor: Number.MAX_SAFE_INTEGER,
          currency: rules.currency,
          stock: 0,
          keyKind: "text",
        },
      });
      continue;
    }
    if (!product) {
      skip(offer.supplier, "unknown_product", `No longer sells ${offer.supplierProductId}`, false);
      continue;
    }
    if (product.currency !== rules.currency) {
      skip(
        offer.supplier,
        "currency_mismatch",
        `Sells in ${product.currency}, the order is in ${rules.currency}`,
        false,
      );
      continue;
    }
    if (product.priceMinor > rules.maxCostMinor) {
      skip(
        offer.supplier,
        "price_above_maximum",
        "The price is above the product's maximum cost",
        false,
      );
      priceRefusal ??= {
        supplier: offer.supplier,
        supplier_product_id: offer.supplierProductId,
        price_minor: product.priceMinor,
        price_currency: product.currency,
        max_cost_minor: rules.maxCostMinor,
        currency: rules.currency,
      };
      continue;
    }
    if (product.stock > 0 || product.preorder) ready.push({ offer, supplier, product });
    else {
      skip(offer.supplier, "out_of_stock", "No stock at the last check", true);
      doubtful.push({ offer, supplier, product });
    }
  }

  const order = (a: Quote, b: Quote) => {
    if (rules.ownStockFirst) {
      const own = Number(b.supplier.id === "own_stock") - Number(a.supplier.id === "own_stock");
      if (own !== 0) return own;
    }
    const byPriority =
      a.offer.priority - b.offer.priority ||
      connectionPriority(a.offer.supplier) - connectionPriority(b.offer.supplier);
    if (rules.strategy === "priority") return byPriority;
    return a.product.priceMinor - b.product.priceMinor || byPriority;
  };
  const connectionPriority = (supplier: string) => rules.supplierPriority?.[supplier] ?? 0;
  const candidates = [...ready.sort(order), ...doubtful.sort(order)].map((quote) => ({
    supplier: quote.supplier,
    supplierProductId: quote.offer.supplierProductId,
  }));
  return { candidates, skipped, priceRefusal };
}
