import type { PrismaClient } from "../db/types.ts";
import { OrderStatus } from "../orders/order-status.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One currency's money over the period. Amounts are never converted: an order paid in USD whose
 * keys were bought in EUR adds to the USD revenue and the EUR spend.
 */
export type CurrencyMoney = {
  currency: string;
  /** What customers paid for the orders that were delivered. */
  revenueMinor: number;
  /** Confirmed purchases for those same delivered orders. */
  spendMinor: number;
  /** Confirmed purchases for orders not delivered (yet): failed, cancelled, still processing. */
  otherSpendMinor: number;
};

export type MoneyDay = { day: string; revenueMinor: number; spendMinor: number };

export type OverviewMoney = {
  /** Which orders the figures are about: the account's Sandbox Mode decides. */
  sandbox: boolean;
  money: CurrencyMoney[];
  /** The last `chartDays` days in the currency with the most revenue, oldest first. */
  chart: { currency: string | null; days: MoneyDay[] };
};

/** Revenue, spend and margin of one mode's orders created from `from`, per currency. */
export async function overviewMoney(
  prisma: PrismaClient,
  accountId: string,
  from: Date,
  chart: { startOfToday: Date; days: number },
): Promise<OverviewMoney> {
  const account = await prisma.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { sandboxMode: true },
  });
  const orders = await prisma.order.findMany({
    where: { accountId, sandbox: account.sandboxMode, createdAt: { gte: from } },
    select: {
      status: true,
      createdAt: true,
      currency: true,
      totalMinor: true,
      purchases: { where: { status: "confirmed" }, select: { costMinor: true, currency: true } },
    },
  });

  const totals = new Map<string, CurrencyMoney>();
  const totalFor = (currency: string) => {
    const found = totals.get(currency);
    if (found) return found;
    const fresh = { currency, revenueMinor: 0, spendMinor: 0, otherSpendMinor: 0 };
    totals.set(currency, fresh);
    return fresh;
  };
  for (const order of orders) {
    const delivered = order.status === OrderStatus.delivered;
    if (delivered) totalFor(order.currency).revenueMinor += order.totalMinor;
    for (const purchase of order.purchases) {
      const total = totalFor(purchase.currency ?? order.currency);
      if (delivered) total.spendMinor += purchase.costMinor ?? 0;
      else total.otherSpendMinor += purchase.costMinor ?? 0;
    }
  }
  const money = [...totals.values()].sort((a, b) => b.revenueMinor - a.revenueMinor);

  const chartCurrency = money[0]?.currency ?? null;
  const days = new Map<string, MoneyDay>();
  for (let i = chart.days - 1; i >= 0; i--) {
    const day = new Date(chart.startOfToday.getTime() - i * DAY_MS).toISOString().slice(0, 10);
    days.set(day, { day, revenueMinor: 0, spendMinor: 0 });
  }
  for (const order of orders) {
    const day = days.get(order.createdAt.toISOString().slice(0, 10));
    if (!day || order.status !== OrderStatus.delivered) continue;
    if (order.currency === chartCurrency) day.revenueMinor += order.totalMinor;
    for (const purchase of order.purchases) {
      if ((purchase.currency ?? order.currency) === chartCurrency) {
        day.spendMinor += purchase.costMinor ?? 0;
      }
    }
  }

  return {
    sandbox: account.sandboxMode,
    money,
    chart: { currency: chartCurrency, days: [...days.values()] },
  };
}
