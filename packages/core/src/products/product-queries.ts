import type { PrismaClient } from "../db/types.ts";

/** One account's products, oldest first, a page at a time. */
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
    }),
  ]);
  return { total, products };
}

export function findProduct(prisma: PrismaClient, accountId: string, productId: string) {
  return prisma.product.findFirst({
    where: { id: productId, accountId },
    include: { offers: { orderBy: { priority: "asc" } } },
  });
}
