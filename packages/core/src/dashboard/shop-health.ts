import type { PrismaClient } from "../db/types.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Per shop of the account: the last webhook received and, over the last 7 days, the orders
 * that failed. (Deliveries we refused for a bad signature are not stored, so they are not
 * counted here; they show in the log as warnings.)
 */
export async function shopHealth(prisma: PrismaClient, accountId: string, now = new Date()) {
  const shops = await prisma.shop.findMany({ where: { accountId }, select: { id: true } });
  const health = new Map<string, { lastWebhookAt: Date | null; failedOrders7d: number }>();
  for (const shop of shops) {
    const last = await prisma.inboundWebhook.findFirst({
      where: { shopId: shop.id },
      orderBy: { receivedAt: "desc" },
      select: { receivedAt: true },
    });
    const failed = await prisma.order.count({
      where: {
        shopId: shop.id,
        status: "failed",
        createdAt: { gte: new Date(now.getTime() - 7 * DAY_MS) },
      },
    });
    health.set(shop.id, { lastWebhookAt: last?.receivedAt ?? null, failedOrders7d: failed });
  }
  return health;
}
