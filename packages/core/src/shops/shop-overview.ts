import type { PrismaClient } from "../db/types.ts";
import { shopOrdersToday, type TodayCounts } from "../orders/order-counts.ts";

export type ShopOverview = {
  shop: {
    id: string;
    domain: string;
    platform: string;
    active: boolean;
    connectedAt: Date;
    lastWebhookAt: Date | null;
  };
  sandboxMode: boolean;
  today: TodayCounts;
  dataRequests: { id: string; customerEmail: string | null; orders: number; receivedAt: Date }[];
};

/** What a merchant sees first about one shop: its connection, Sandbox Mode and today's orders. */
export async function shopOverview(
  prisma: PrismaClient,
  shopId: string,
): Promise<ShopOverview | undefined> {
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    include: {
      account: { select: { sandboxMode: true } },
      dataRequests: { orderBy: { receivedAt: "desc" }, take: 20 },
      inboundWebhooks: { orderBy: { receivedAt: "desc" }, take: 1, select: { receivedAt: true } },
    },
  });
  if (!shop) return undefined;

  return {
    shop: {
      id: shop.id,
      domain: shop.domain,
      platform: shop.platform,
      active: shop.active,
      connectedAt: shop.createdAt,
      lastWebhookAt: shop.inboundWebhooks[0]?.receivedAt ?? null,
    },
    sandboxMode: shop.account.sandboxMode,
    today: await shopOrdersToday(prisma, shopId),
    dataRequests: shop.dataRequests.map((request) => ({
      id: request.id,
      customerEmail: request.customerEmail,
      orders: request.ordersRequested.length,
      receivedAt: request.receivedAt,
    })),
  };
}
