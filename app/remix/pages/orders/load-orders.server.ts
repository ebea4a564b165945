import { z } from "zod";
import type { WebContext } from "../../load-context";
import type { MerchantScope } from "../../shells/merchant-scope";
import { moneyText } from "../common/money.server";

const PAGE_SIZE = 20;

const filterSchema = z.object({
  status: z.string().max(20).optional(),
  // Not "shop": inside the Shopify admin that parameter names the shop the admin opened.
  shop_id: z.string().uuid("not a shop of this account").optional(),
  from: z.string().date("a date like 2026-12-01").optional(),
  to: z.string().date("a date like 2026-12-31").optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export type OrderRow = {
  id: string;
  storeOrderRef: string;
  status: string;
  shop: string;
  customerEmail: string | null;
  total: string;
  sandbox: boolean;
  createdAt: string;
};

export type OrdersData = Awaited<ReturnType<typeof loadOrders>>;

/** The Orders table for the query string's filters; a bad filter is named and shows nothing. */
export async function loadOrders(context: WebContext, scope: MerchantScope, request: Request) {
  const { core, platform } = context;
  const query = Object.fromEntries(
    [...new URL(request.url).searchParams].filter(([, value]) => value !== ""),
  );
  const parsed = filterSchema.safeParse(query);
  const shops = await core.accountShops(platform.db.prisma, scope.accountId);
  const base = {
    base: scope.base ?? "/dashboard",
    statuses: core.ORDER_STATUSES as readonly string[],
    shops: shops.map((shop) => ({ id: shop.id, label: `${shop.domain} (${shop.platform})` })),
    query,
  };
  if (!parsed.success || (parsed.data.status && !base.statuses.includes(parsed.data.status))) {
    const issue = parsed.success
      ? { field: "status", message: "not an order status" }
      : { field: String(parsed.error.issues[0].path[0]), message: parsed.error.issues[0].message };
    const orders: OrderRow[] = [];
    return { ...base, error: issue, orders, total: 0, page: 1, pages: 0 };
  }

  const filter = parsed.data;
  const { total, orders } = await core.searchOrders(platform.db.prisma, scope.accountId, {
    status: filter.status,
    shopId: filter.shop_id,
    from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
    to: filter.to ? new Date(`${filter.to}T23:59:59.999Z`) : undefined,
    search: filter.q,
    page: filter.page,
    limit: PAGE_SIZE,
  });
  return {
    ...base,
    error: null,
    total,
    page: filter.page,
    pages: Math.ceil(total / PAGE_SIZE),
    orders: orders.map((order): OrderRow => ({
      id: order.id,
      storeOrderRef: order.storeOrderRef,
      status: order.status,
      shop: order.shop.domain,
      customerEmail: order.customerEmail,
      total: moneyText(core, order.totalMinor, order.currency),
      sandbox: order.sandbox,
      createdAt: order.createdAt.toISOString(),
    })),
  };
}
