import type { PrismaClient } from "../db/types.ts";

export type CustomerToRedact = {
  shopId: string;
  /** The shop's id of the customer. */
  customerExternalId?: string;
  email?: string;
  /** The shop's ids of the orders to redact. */
  orderExternalIds: string[];
  /**
   * Text that marks a recorded inbound delivery as one of these orders (Shopify: the order's
   * quoted GraphQL id), so the raw bodies holding the customer's details go too.
   */
  inboundBodyMarkers: string[];
};

/**
 * Erases one customer's personal data from a shop's records: name, email and customer id on
 * the orders, delivery recipients, kept mails, the raw deliveries that carried them and the
 * email of their data requests. Purchases and keys stay, as anonymous records of what was
 * bought. Returns how many orders were redacted.
 */
export async function redactCustomer(
  prisma: PrismaClient,
  customer: CustomerToRedact,
): Promise<number> {
  const { shopId, customerExternalId, email, orderExternalIds } = customer;
  const matches = [
    { externalId: { in: orderExternalIds } },
    ...(customerExternalId ? [{ customerExternalId }] : []),
    ...(email ? [{ customerEmail: { equals: email, mode: "insensitive" as const } }] : []),
  ];

  return prisma.$transaction(async (tx) => {
    const orders = await tx.order.findMany({
      where: { shopId, OR: matches },
      select: { id: true, externalId: true },
    });
    const orderIds = orders.map((order) => order.id);

    await tx.order.updateMany({
      where: { id: { in: orderIds } },
      data: { customerEmail: null, customerName: null, customerExternalId: null },
    });
    await tx.delivery.updateMany({
      where: { orderId: { in: orderIds } },
      data: { recipient: null },
    });
    await tx.outboxMail.deleteMany({ where: { orderId: { in: orderIds } } });
    for (const marker of customer.inboundBodyMarkers) {
      await tx.inboundWebhook.deleteMany({
        where: { shopId, processedAt: { not: null }, body: { contains: marker } },
      });
    }
    if (email || customerExternalId) {
      await tx.customerDataRequest.updateMany({
        where: {
          shopId,
          OR: [
            ...(email ? [{ customerEmail: { equals: email, mode: "insensitive" as const } }] : []),
            ...(customerExternalId ? [{ customerExternalId }] : []),
          ],
        },
        data: { customerEmail: null },
      });
    }
    return orderIds.length;
  });
}
