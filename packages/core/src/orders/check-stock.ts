import type { PrismaClient } from "../db/types.ts";
import type { JobHandler } from "../jobs/worker.ts";
import { refreshProduct } from "../suppliers/refresh-product.ts";
import type { SupplierRegistry } from "../suppliers/supplier-registry.ts";

/**
 * After a sale: refreshes the product's stock and cost at its suppliers and announces
 * `stock.low` once per crossing (see refreshProduct).
 */
export function checkStockHandler(
  prisma: PrismaClient,
  registry: SupplierRegistry,
  timeoutMs: number,
): JobHandler {
  return {
    async run(payload) {
      const product = await prisma.product.findUnique({
        where: { id: String(payload.productId) },
        select: { id: true, accountId: true },
      });
      if (!product) return;
      const suppliers = await registry.forAccountMode(product.accountId);
      await refreshProduct(prisma, product.id, suppliers, timeoutMs);
    },
  };
}
