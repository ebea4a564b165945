import type { PrismaClient } from "../db/types.ts";
import { lowStockThreshold } from "./low-stock.ts";

/**
 * One account's products, oldest first, a page at a time, each with the low-stock threshold it
 * is watched with (its own or the account's default).
 */
export async function listProducts(
  prisma: PrismaClient,
  accountId: string,
  page: { limit: number; page: number },
) {
  const where = { accountId };
  const [total, products] = await Promise.all([
    prisma.product.count({ where }),
    prisma.product.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (page.page - 1) * page.limit,
      take: page.limit,
      include: { account: { select: { lowStockThreshold: true } } },
    }),
  ]);
  return {
    total,
    products: products.map(({ account, ...product }) => ({
      ...product,
      lowStockThreshold: lowStockThreshold(product, account),
    })),
  };
}

export function findProduct(prisma: PrismaClient, accountId: string, productId: string) {
  return prisma.product.findFirst({
    where: { id: productId, accountId },
    include: { offers: { orderBy: { priority: "asc" } } },
  });
}
