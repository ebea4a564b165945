import type { WebContext } from "../../load-context";
import type { MerchantScope } from "../../shells/merchant-scope";

export type OverviewData = Awaited<ReturnType<typeof loadOverview>>;

/** The Overview's figures, money already formatted in each currency's own decimals. */
export async function loadOverview(context: WebContext, scope: MerchantScope) {
  const { core, platform } = context;
  const overview = await core.accountOverview(platform.db.prisma, scope.accountId);
  const money = (minor: number, currency: string) =>
    `${core.fromMinorUnits(minor, currency)} ${currency}`;

  return {
    base: scope.base ?? "/dashboard",
    counts: overview.counts,
    money: overview.money.map((total) => ({
      currency: total.currency,
      revenue: money(total.revenueMinor, total.currency),
      spend: money(total.spendMinor, total.currency),
      margin: money(total.revenueMinor - total.spendMinor, total.currency),
    })),
    chart: overview.chart,
    attention: overview.attention.map((order) => ({
      ...order,
      createdAt: order.createdAt.toISOString(),
    })),
    lowStock: overview.lowStock,
    suppliers: await supplierBalances(context, scope.accountId),
  };
}

/** Each usable supplier's balance as its adapter reports it; a failing one says so. */
async function supplierBalances(context: WebContext, accountId: string) {
  const account = await context.platform.db.prisma.account.findUnique({
    where: { id: accountId },
    select: { sandboxMode: true },
  });
  const suppliers = await context.core.suppliersForAccount(context.platform, accountId, {
    sandbox: account?.sandboxMode ?? true,
  });
  const balances = [];
  for (const { supplier, name } of suppliers.values()) {
    let balance = "Unavailable";
    try {
      const money = await supplier.getBalance();
      balance = `${context.core.fromMinorUnits(money.amountMinor, money.currency)} ${money.currency}`;
    } catch {
      // Shown as unavailable; the supplier's own health is the Suppliers page's concern.
    }
    balances.push({ id: supplier.id, name, balance });
  }
  return balances;
}
