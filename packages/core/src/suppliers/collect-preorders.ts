import { SupplierError } from "@premiumcdkeys/suppliers";
import type { Prisma, PrismaClient } from "../db/types.ts";
import type { Logger } from "../logger.ts";
import { confirmPurchase } from "../orders/buy-unit.ts";
import { markFulfilledIfComplete } from "../orders/fulfil-order.ts";
import { withSupplierTimeout } from "../orders/supplier-call.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import type { SupplierRegistry } from "./supplier-registry.ts";

export type PreorderDeps = {
  prisma: PrismaClient;
  vault: KeyVault;
  registry: SupplierRegistry;
  timeoutMs: number;
  claimMs: number;
  log: Logger;
};

/**
 * Asks the supplier again for the keys of pre-ordered units (all of them, or those a callback
 * named). A unit whose key has come is confirmed exactly like a bought one, and its order is
 * fulfilled once no unit waits any more. Each unit is claimed first, so a callback and the
 * periodic check running together store its key once. Returns how many keys were collected.
 */
export async function collectPreorders(
  deps: PreorderDeps,
  where: Prisma.PurchaseWhereInput = {},
): Promise<number> {
  const waiting = await deps.prisma.purchase.findMany({
    where: { ...where, status: "preordered" },
    include: { order: { select: { accountId: true } } },
    take: 500,
  });
  let collected = 0;
  for (const purchase of waiting) {
    const claimed = await deps.prisma.$executeRaw`
      UPDATE purchases SET claimed_until = now() + make_interval(secs => ${deps.claimMs / 1000})
       WHERE id = ${purchase.id} AND status = 'preordered'
         AND (claimed_until IS NULL OR claimed_until < now())`;
    if (claimed === 0) continue;

    try {
      const suppliers = await deps.registry.forAccountMode(purchase.order.accountId);
      const supplier = purchase.supplier ? suppliers[purchase.supplier] : undefined;
      if (!supplier) continue;
      const ask = <T>(call: Promise<T>) => withSupplierTimeout(call, deps.timeoutMs);
      const order =
        (purchase.supplierOrderId && (await ask(supplier.getOrder(purchase.supplierOrderId)))) ||
        (await ask(supplier.findOrder(purchase.reference)));
      if (!order?.keys.length) continue;

      await confirmPurchase(deps.prisma, deps.vault, purchase.id, supplier.id, order);
      collected += 1;
      deps.log.info(
        { purchaseId: purchase.id, orderId: purchase.orderId },
        "pre-order key collected",
      );
      await markFulfilledIfComplete(deps.prisma, purchase.orderId);
    } catch (error) {
      if (!(error instanceof SupplierError)) throw error;
      deps.log.warn({ purchaseId: purchase.id, code: error.code }, "pre-order check failed");
    } finally {
      await deps.prisma.purchase.updateMany({
        where: { id: purchase.id, status: "preordered" },
        data: { claimedUntil: null },
      });
    }
  }
  return collected;
}
