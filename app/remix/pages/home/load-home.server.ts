import type { WebContext } from "../../load-context";
import type { MerchantScope } from "../../shells/merchant-scope";

export type HomeData = {
  shop: {
    domain: string;
    active: boolean;
    connectedAt: string;
    lastWebhookAt: string | null;
  } | null;
  sandboxMode: boolean;
  today: { delivered: number; failed: number };
  dataRequests: { id: string; customerEmail: string | null; orders: number; receivedAt: string }[];
};

/** The home page's data, for either shell: the scope says whose it is. */
export async function loadHome(context: WebContext, scope: MerchantScope): Promise<HomeData> {
  const overview = scope.shopId
    ? await context.core.shopOverview(context.platform.db.prisma, scope.shopId)
    : undefined;
  if (!overview) {
    throw Response.json(
      { error: { code: "NOT_FOUND", message: "No such shop", details: {} } },
      { status: 404 },
    );
  }

  return {
    shop: {
      domain: overview.shop.domain,
      active: overview.shop.active,
      connectedAt: overview.shop.connectedAt.toISOString(),
      lastWebhookAt: overview.shop.lastWebhookAt?.toISOString() ?? null,
    },
    sandboxMode: overview.sandboxMode,
    today: overview.today,
    dataRequests: overview.dataRequests.map((request) => ({
      ...request,
      receivedAt: request.receivedAt.toISOString(),
    })),
  };
}
