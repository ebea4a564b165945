import type { WebContext } from "../../load-context";
import type { MerchantScope } from "../../shells/merchant-scope";
import { moneyText } from "../common/money.server";

export type OverviewData = Awaited<ReturnType<typeof loadOverview>>;

/** The Overview's figures, money already formatted in each currency's own decimals. */
export async function loadOverview(context: WebContext, scope: MerchantScope) {
  const { core, platform } = context;
  const overview = await core.accountOverview(platform.db.prisma, scope.accountId);
  const money = (minor: number, currency: string) => moneyText(core, minor, currency);

  return {
    base: scope.base ?? "/dashboard",
    counts: overview.counts,
    sandbox: overview.sandbox,
    money: overview.money.map((total) => ({
      currency: total.currency,
      revenue: money(total.revenueMinor, total.currency),
      spend: money(total.spendMinor, total.currency),
      margin: money(total.revenueMinor - total.spendMinor, total.currency),
      otherSpend: money(total.otherSpendMinor, total.currency),
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

/**
 * The balances last seen on the account's supplier connections (the worker and the Suppliers
 * page's test refresh them), so the page never waits on a supplier's API.
 */
async function supplierBalances(context: WebContext, accountId: string) {
  const connections = await context.platform.supplierConnections.list(accountId);
  const balances = connections.map((connection) => ({
    id: connection.id,
    name: `${connection.supplier} (${connection.environment})`,
    balance:
      connection.balanceMinor === null
        ? "Not checked yet"
        : moneyText(context.core, connection.balanceMinor, connection.currency),
  }));
  return [
    { id: "sandbox", name: "Sandbox supplier", balance: "Test keys, no balance" },
    ...balances,
  ];
}
