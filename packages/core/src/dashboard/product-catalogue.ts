import { z } from "zod";
import type { PrismaClient } from "../db/types.ts";
import type { Platform } from "../platform.ts";
import { suppliersForAccount } from "../suppliers/suppliers-for-account.ts";

/** The Products page: the account's products with their offers and shop mappings. */
export function accountProducts(prisma: PrismaClient, accountId: string) {
  return prisma.product.findMany({
    where: { accountId },
    orderBy: { name: "asc" },
    include: {
      offers: { orderBy: { priority: "asc" } },
      mappings: { include: { shop: { select: { domain: true } } } },
    },
  });
}

export const productLimitsSchema = z.object({
  maxCostMinor: z.number().int().min(0).max(100_000_000).nullable(),
  /** Null follows the account's default threshold. */
  lowStockThreshold: z.number().int().min(0).max(1_000_000).nullable(),
});

/** Sets a product's maximum cost and low-stock threshold; false when not the account's. */
export async function setProductLimits(
  prisma: PrismaClient,
  accountId: string,
  productId: string,
  limits: z.infer<typeof productLimitsSchema>,
): Promise<boolean> {
  const updated = await prisma.product.updateMany({
    where: { id: productId, accountId },
    data: limits,
  });
  return updated.count > 0;
}

export type SkuMapping = { sku: string; supplierProductId: string };

export type BulkMapOutcome =
  { ok: true; mapped: number } | { ok: false; line: number; message: string };

const SKU = /^[\w.\-/]{1,100}$/;

/** "SKU, supplier product id" per line; the first bad line is named. */
export function parseSkuLines(
  text: string,
): { ok: true; lines: SkuMapping[] } | { ok: false; line: number; message: string } {
  const lines: SkuMapping[] = [];
  const rows = text.split(/\r?\n/).map((row) => row.trim());
  for (const [index, row] of rows.entries()) {
    if (!row) continue;
    const [sku, supplierProductId, ...rest] = row.split(/[,;\t]/).map((part) => part.trim());
    if (
      !sku ||
      !supplierProductId ||
      rest.length > 0 ||
      !SKU.test(sku) ||
      !SKU.test(supplierProductId)
    ) {
      return {
        ok: false,
        line: index + 1,
        message: "Write each line as: SKU, supplier product id",
      };
    }
    lines.push({ sku, supplierProductId });
  }
  if (lines.length === 0) return { ok: false, line: 1, message: "Give at least one line" };
  if (lines.length > 500) return { ok: false, line: 501, message: "At most 500 lines at a time" };
  return { ok: true, lines };
}

/**
 * Maps a shop's SKUs to a supplier's products in one go. Every supplier product is looked up
 * in the supplier's catalogue first; if one is unknown nothing is written. Then each SKU gets
 * its product (created when new), the supplier's offer and the shop's SKU mapping.
 */
export async function mapSkusInBulk(
  platform: Pick<Platform, "supplierRegistry"> & { db: { prisma: PrismaClient } },
  input: {
    accountId: string;
    shopId: string;
    supplier: string;
    sandbox: boolean;
    lines: SkuMapping[];
  },
): Promise<BulkMapOutcome> {
  const prisma = platform.db.prisma;
  const shop = await prisma.shop.findFirst({
    where: { id: input.shopId, accountId: input.accountId },
  });
  if (!shop) return { ok: false, line: 0, message: "No such shop" };
  const suppliers = await suppliersForAccount(platform, input.accountId, {
    sandbox: input.sandbox,
  });
  const supplier = suppliers.get(input.supplier)?.supplier;
  if (!supplier) return { ok: false, line: 0, message: "That supplier is not connected" };

  const names: string[] = [];
  for (const [index, line] of input.lines.entries()) {
    const product = await supplier.getProduct(line.supplierProductId).catch(() => undefined);
    if (!product) {
      return {
        ok: false,
        line: index + 1,
        message: `${line.supplierProductId} is not in the catalogue`,
      };
    }
    names.push(product.name);
  }

  await prisma.$transaction(async (tx) => {
    for (const [index, line] of input.lines.entries()) {
      const product = await tx.product.upsert({
        where: { accountId_sku: { accountId: input.accountId, sku: line.sku } },
        create: { accountId: input.accountId, sku: line.sku, name: names[index] },
        update: {},
      });
      await tx.supplierOffer.upsert({
        where: {
          productId_supplier_supplierProductId: {
            productId: product.id,
            supplier: input.supplier,
            supplierProductId: line.supplierProductId,
          },
        },
        create: {
          productId: product.id,
          supplier: input.supplier,
          supplierProductId: line.supplierProductId,
        },
        update: {},
      });
      const mapped = await tx.productMapping.findFirst({
        where: { shopId: shop.id, sku: line.sku },
      });
      if (mapped) {
        await tx.productMapping.update({
          where: { id: mapped.id },
          data: { productId: product.id },
        });
      } else {
        await tx.productMapping.create({
          data: { shopId: shop.id, productId: product.id, sku: line.sku },
        });
      }
    }
  });
  return { ok: true, mapped: input.lines.length };
}

/** The supplier's catalogue by name, for the mapping form. */
export async function searchSupplierCatalogue(
  platform: Pick<Platform, "supplierRegistry">,
  input: { accountId: string; supplier: string; sandbox: boolean; text: string },
) {
  const suppliers = await suppliersForAccount(platform, input.accountId, {
    sandbox: input.sandbox,
  });
  const supplier = suppliers.get(input.supplier)?.supplier;
  if (!supplier) return undefined;
  return supplier.searchProducts({ text: input.text, limit: 20 });
}
