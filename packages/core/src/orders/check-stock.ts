import type { Supplier } from "@premiumcdkeys/suppliers";
import type { PrismaClient } from "../db/types.ts";
import { recordEvent } from "../events/record-event.ts";
import type { JobHandler } from "../jobs/worker.ts";
import { suppliersForAccount } from "../suppliers/suppliers-for-account.ts";

/**
 * Compares a product's stock at its suppliers with its threshold and announces `stock.low` once
 * per crossing: again only after stock has come back above the threshold.
 */
export function checkStockHandler(
  prisma: PrismaClient,
  suppliers: Record<string, Supplier>,
): JobHandler {
  return {
    async run(payload) {
      const product = await prisma.product.findUnique({
        where: { id: String(payload.productId) },
        include: { offers: true, account: { select: { sandboxMode: true } } },
      });
      if (!product) return;

      const usable = suppliersForAccount({ suppliers }, product.accountId, {
        sandbox: product.account.sandboxMode,
      });
      let count = 0;
      for (const offer of product.offers) {
        const found = await usable
          .get(offer.supplier)
          ?.supplier.getProduct(offer.supplierProductId);
        count += found?.stock ?? 0;
      }
      const low = count < product.lowStockThreshold;
      if (low === product.lowStockAlerted) return;

      await prisma.$transaction(async (tx) => {
        await tx.product.update({ where: { id: product.id }, data: { lowStockAlerted: low } });
        if (!low) return;
        await recordEvent(tx, product.accountId, "stock.low", {
          product: { id: product.id, name: product.name, sku: product.sku },
          count,
          threshold: product.lowStockThreshold,
        });
      });
    },
  };
}
