import type { PrismaClient } from "../db/types.ts";

/**
 * Erases a shop and everything recorded for it: orders with their lines, purchases, keys and
 * deliveries, inbound deliveries, mappings, data requests, the mails kept for its orders and the
 * events about them. The account goes too once it has no shop left, with its API keys and
 * webhook endpoints. Running it again finds nothing and does nothing.
 */
export async function eraseShop(prisma: PrismaClient, shopId: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const shop = await tx.shop.findUnique({ where: { id: shopId } });
    if (!shop) return false;

    const orders = await tx.order.findMany({ where: { shopId }, select: { id: true } });
    const orderIds = orders.map((order) => order.id);
    await tx.outboxMail.deleteMany({ where: { orderId: { in: orderIds } } });
    await tx.event.deleteMany({ where: { orderId: { in: orderIds } } });
    await tx.shop.delete({ where: { id: shopId } });

    const shopsLeft = await tx.shop.count({ where: { accountId: shop.accountId } });
    if (shopsLeft === 0) await tx.account.delete({ where: { id: shop.accountId } });
    return true;
  });
}
