import type { Platform } from "@premiumcdkeys/core";
import { CommandError } from "./command-platform.ts";

/** Suppliers a product can be offered by: the connectable ones, own stock and the sandbox. */
export const OFFER_SUPPLIERS = ["codeswholesale", "kinguin", "own_stock", "sandbox"];

/**
 * Points one of the account's products (by id or SKU) at a supplier's product, or changes the
 * priority of that offer when it exists. Whether the supplier sells that product is not asked
 * here: routing and the stock refresh find out and leave an unknown product out.
 */
export async function mapSupplierOffer(
  platform: Platform,
  accountId: string,
  offer: { product: string; supplier: string; supplierProductId: string; priority?: number },
) {
  const prisma = platform.db.prisma;
  const product = await prisma.product.findFirst({
    where: { accountId, OR: [{ id: offer.product }, { sku: offer.product }] },
    select: { id: true, sku: true },
  });
  if (!product) throw new CommandError(`No product ${offer.product} on account ${accountId}`);

  const key = {
    productId: product.id,
    supplier: offer.supplier,
    supplierProductId: offer.supplierProductId,
  };
  const saved = await prisma.supplierOffer.upsert({
    where: { productId_supplier_supplierProductId: key },
    create: { ...key, priority: offer.priority ?? 0 },
    update: offer.priority === undefined ? {} : { priority: offer.priority },
  });
  return { offer: saved, product };
}
