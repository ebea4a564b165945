import type { PrismaClient } from "../db/types.ts";
import { isLowStock, lowStockThreshold } from "../products/low-stock.ts";
import { overviewMoney, type OverviewMoney } from "./overview-money.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const CHART_DAYS = 14;

export type StatusCounts = Record<string, number>;

/** Money over the last 30 days, per currency, for the orders of the account's current mode. */
export type AccountOverview = OverviewMoney & {
  counts: { today: StatusCounts; last7: StatusCounts; last30: StatusCounts };
  attention: {
    id: string;
    storeOrderRef: string;
    status: string;
    reason: string;
    createdAt: Date;
  }[];
  lowStock: { id: string; name: string; stock: number; threshold: number }[];
};

/** The Overview page's figures for one account, from its orders, purchases and offers. */
export async function accountOverview(
  prisma: PrismaClient,
  accountId: string,
  now = new Date(),
): Promise<AccountOverview> {
  const startOfToday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  const since = (days: number) => new Date(startOfToday.getTime() - (days - 1) * DAY_MS);

  const countSince = async (from: Date) => {
    const groups = await prisma.order.groupBy({
      by: ["status"],
      where: { accountId, createdAt: { gte: from } },
      _count: { _all: true },
    });
    return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
  };
  const [today, last7, last30] = [
    await countSince(startOfToday),
    await countSince(since(7)),
    await countSince(since(30)),
  ];

  const money = await overviewMoney(prisma, accountId, since(30), {
    startOfToday,
    days: CHART_DAYS,
  });

  const attentionOrders = await prisma.order.findMany({
    where: {
      accountId,
      OR: [
        { status: { in: ["failed", "pending"] } },
        { purchases: { some: { status: "preordered" } } },
      ],
    },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      storeOrderRef: true,
      status: true,
      failureMessage: true,
      createdAt: true,
    },
  });

  const account = await prisma.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { lowStockThreshold: true },
  });
  const products = await prisma.product.findMany({
    where: { accountId },
    select: {
      id: true,
      name: true,
      lowStockThreshold: true,
      offers: { select: { lastStock: true } },
    },
  });
  const lowStock = products
    .filter((product) => product.offers.some((offer) => offer.lastStock !== null))
    .map((product) => ({
      id: product.id,
      name: product.name,
      threshold: lowStockThreshold(product, account),
      stock: product.offers.reduce((sum, offer) => sum + (offer.lastStock ?? 0), 0),
    }))
    .filter((product) => isLowStock(product.stock, product.threshold));

  return {
    counts: { today, last7, last30 },
    ...money,
    attention: attentionOrders.map((order) => ({
      id: order.id,
      storeOrderRef: order.storeOrderRef,
      status: order.status,
      createdAt: order.createdAt,
      reason:
        order.status === "failed"
          ? (order.failureMessage ?? "Failed")
          : order.status === "pending"
            ? "Waiting for payment or a product mapping"
            : "Pre-order: keys follow when the supplier releases them",
    })),
    lowStock,
  };
}
