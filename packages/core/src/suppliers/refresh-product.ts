import { SupplierError, type Supplier } from "@premiumcdkeys/suppliers";
import type { PrismaClient } from "../db/types.ts";
import { recordEvent } from "../events/record-event.ts";
import { withSupplierTimeout } from "../orders/supplier-call.ts";
import { isLowStock, lowStockThreshold } from "../products/low-stock.ts";

/**
 * Asks each supplier offer of a product for its stock and unit cost, records both on the offer
 * (and a cost change when the cost moved), then compares the total available stock with the
 * product's threshold: `stock.low` is announced once when it crosses below, and again only
 * after it has come back above. An offer whose supplier cannot be asked keeps its last figures.
 */
export async function refreshProduct(
  prisma: PrismaClient,
  productId: string,
  suppliers: Record<string, Supplier>,
  timeoutMs: number,
): Promise<void> {
  const product = await prisma.product.findUnique({
    where: { id: productId },
    include: { offers: true, account: { select: { lowStockThreshold: true } } },
  });
  if (!product) return;

  let count = 0;
  for (const offer of product.offers) {
    const supplier = suppliers[offer.supplier];
    if (!supplier) continue;
    let found;
    try {
      found = await withSupplierTimeout(supplier.getProduct(offer.supplierProductId), timeoutMs);
    } catch (error) {
      // Kinguin hides products it has no offer for: that is stock 0, not an unknown figure.
      // Anything else (an unreadable answer included) leaves the last figures standing.
      if (error instanceof SupplierError && error.code === "out_of_stock") {
        found = { stock: 0, priceMinor: null, currency: null };
      } else {
        count += offer.lastStock ?? 0;
        continue;
      }
    }
    const stock = found?.stock ?? 0;
    count += stock;
    await recordOffer(prisma, offer, stock, found?.priceMinor ?? null, found?.currency ?? null);
  }

  const threshold = lowStockThreshold(product, product.account);
  const low = isLowStock(count, threshold);
  if (low === product.lowStockAlerted) return;
  await prisma.$transaction(async (tx) => {
    const flipped = await tx.product.updateMany({
      where: { id: product.id, lowStockAlerted: !low },
      data: { lowStockAlerted: low },
    });
    if (flipped.count === 0 || !low) return;
    await recordEvent(tx, product.accountId, "stock.low", {
      product: { id: product.id, name: product.name, sku: product.sku },
      count,
      threshold,
    });
  });
}

async function recordOffer(
  prisma: PrismaClient,
  offer: { id: string; lastCostMinor: number | null; lastCurrency: string | null },
  stock: number,
  costMinor: number | null,
  currency: string | null,
) {
  const moved =
    costMinor !== null &&
    currency !== null &&
    (costMinor !== offer.lastCostMinor || currency !== offer.lastCurrency);
  await prisma.$transaction(async (tx) => {
    await tx.supplierOffer.update({
      where: { id: offer.id },
      data: {
        lastStock: stock,
        refreshedAt: new Date(),
        ...(costMinor !== null && currency !== null
          ? { lastCostMinor: costMinor, lastCurrency: currency }
          : {}),
      },
    });
    if (moved) {
      await tx.supplierCostChange.create({
        data: {
          offerId: offer.id,
          oldCostMinor: offer.lastCostMinor,
          newCostMinor: costMinor,
          currency,
        },
      });
    }
  });
}
