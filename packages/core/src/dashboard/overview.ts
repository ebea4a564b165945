import type { PrismaClient } from "../db/types.ts";
import { isLowStock, lowStockThreshold } from "../products/low-stock.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const CHART_DAYS = 14;

export type StatusCounts = Record<string, number>;

export type MoneyDay = { day: string; revenueMinor: number; spendMinor: number };

export type AccountOverview = {
  counts: { today: StatusCounts; last7: StatusCounts; last30: StatusCounts };
  /** Per currency over the last 30 days: what the shops sold and what the keys cost. */
  money: { currency: string; revenueMinor: number; spendMinor: number }[];
  /** The last CHART_DAYS days in the account's first currency, oldest first. */
  chart: { currency: string | null; days: MoneyDay[] };
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

  const recent = await prisma.order.findMany({
    where: { accountId, createdAt: { gte: since(30) } },
    select: {
      createdAt: true,
      currency: true,
      totalMinor: true,
      purchases: { where: { status: "confirmed" }, select: { costMinor: true, currency: true } },
    },
  });
  const money = new Map<string, { revenueMinor: number; spendMinor: number }>();
  const chartCurrency = recent[0]?.currency ?? null;
  const days = new Map<string, MoneyDay>();
  for (let i = CHART_DAYS - 1; i >= 0; i--) {
    const day = new Date(startOfToday.getTime() - i * DAY_MS).toISOString().slice(0, 10);
    days.set(day, { day, revenueMinor: 0, spendMinor: 0 });
  }
  for (const order of recent) {
    const spend = order.purchases
      .filter((purchase) => (purchase.currency ?? order.currency) === order.currency)
      .reduce((sum, purchase) => sum + (purchase.costMinor ?? 0), 0);
    const total = money.get(order.currency) ?? { revenueMinor: 0, spendMinor: 0 };
    total.revenueMinor += order.totalMinor;
    total.spendMinor += spend;
    money.set(order.currency, total);
    const day = days.get(order.createdAt.toISOString().slice(0, 10));
    if (day && order.currency === chartCurrency) {
      day.revenueMinor += order.totalMinor;
      day.spendMinor += spend;
    }
  }

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
    money: [...money].map(([currency, total]) => ({ currency, ...total })),
    chart: { currency: chartCurrency, days: [...days.values()] },
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
