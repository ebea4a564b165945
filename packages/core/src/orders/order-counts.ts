import type { PrismaClient } from "../db/types.ts";
import { OrderStatus } from "./order-status.ts";

export type TodayCounts = { delivered: number; failed: number };

/** Orders of a shop that reached `delivered` or `failed` since midnight UTC today. */
export async function shopOrdersToday(
  prisma: PrismaClient,
  shopId: string,
  now = new Date(),
): Promise<TodayCounts> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const rows = await prisma.order.groupBy({
    by: ["status"],
    where: {
      shopId,
      status: { in: [OrderStatus.delivered, OrderStatus.failed] },
      updatedAt: { gte: since },
    },
    _count: { _all: true },
  });
  const count = (status: string) => rows.find((row) => row.status === status)?._count._all ?? 0;
  return { delivered: count(OrderStatus.delivered), failed: count(OrderStatus.failed) };
}
