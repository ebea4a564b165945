import type { Prisma, PrismaClient } from "../db/types.ts";

export type OrderListFilter = {
  status?: string;
  from?: Date;
  to?: Date;
  /** The shop's order reference as shown to the customer (`store_order_id`). */
  storeOrderId?: string;
  shopId?: string;
  /** Sandbox orders for `pck_test_` keys, live orders for live keys; both when undefined. */
  sandbox?: boolean;
  limit: number;
  page: number;
};

/** One account's orders, newest first. */
export async function listOrders(prisma: PrismaClient, accountId: string, filter: OrderListFilter) {
  const where: Prisma.OrderWhereInput = {
    accountId,
    status: filter.status,
    sandbox: filter.sandbox,
    storeOrderRef: filter.storeOrderId,
    shopId: filter.shopId,
    createdAt: { gte: filter.from, lte: filter.to },
  };
  const [total, orders] = await Promise.all([
    prisma.order.count({ where }),
    prisma.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * filter.limit,
      take: filter.limit,
      // Only what a list entry shows: the first line names the order's product.
      select: {
        id: true,
        status: true,
        createdAt: true,
        storeOrderRef: true,
        shopId: true,
        totalMinor: true,
        currency: true,
        lines: {
          orderBy: { position: "asc" },
          take: 1,
          select: { name: true, product: { select: { name: true } } },
        },
      },
    }),
  ]);
  return { total, orders };
}

/** One order of the account with everything the detail view shows; undefined if not theirs. */
export function findOrder(
  prisma: PrismaClient,
  accountId: string,
  orderId: string,
  sandbox?: boolean,
) {
  return prisma.order.findFirst({
    where: { id: orderId, accountId, sandbox },
    include: {
      shop: true,
      lines: {
        orderBy: { position: "asc" },
        include: { product: true, purchases: { orderBy: { unitIndex: "asc" } } },
      },
      deliveries: true,
    },
  });
}
