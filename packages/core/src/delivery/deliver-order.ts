import { accountDeliveryOptions } from "../dashboard/account-preferences.ts";
import type { PrismaClient } from "../db/types.ts";
import type { JobHandler } from "../jobs/worker.ts";
import { advanceOrder } from "../orders/advance-order.ts";
import { failOrder } from "../orders/fail-order.ts";
import { OrderStatus } from "../orders/order-status.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import {
  channelsFor,
  type DeliverableItem,
  type DeliverableOrder,
  type DeliveryChannel,
} from "./delivery-channel.ts";

/**
 * Hands a fulfilled order's keys to every delivery channel that has not sent them yet, then
 * marks the order delivered. A channel that fails is retried without repeating the others.
 */
export function deliverOrderHandler(
  prisma: PrismaClient,
  vault: KeyVault,
  channels: DeliveryChannel[],
): JobHandler {
  return {
    async run(payload, { log }) {
      const orderId = String(payload.orderId);
      const order = await loadDeliverable(prisma, vault, orderId);
      if (!order) return;

      const chosen = await channelsFor(channels, order, order.delivery.withShopDelivery);
      for (const channel of chosen) {
        if (channel.appliesTo && !(await channel.appliesTo(order))) continue;
        const delivery = await prisma.delivery.upsert({
          where: { orderId_channel: { orderId, channel: channel.id } },
          create: { orderId, channel: channel.id, recipient: order.customerEmail },
          update: {},
        });
        if (delivery.status === "sent") continue;

        try {
          await channel.deliver(order);
        } catch (error) {
          await prisma.delivery.update({
            where: { id: delivery.id },
            data: { attempts: { increment: 1 }, lastError: (error as Error).message },
          });
          throw error;
        }
        await prisma.delivery.update({
          where: { id: delivery.id },
          data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
        });
        log.info({ orderId, channel: channel.id }, "keys delivered");
      }

      await markDelivered(prisma, orderId);
    },

    async onFinalFailure(payload, error) {
      await failOrder(prisma, String(payload.orderId), "DELIVERY_FAILED", error.message, {});
    },
  };
}

async function loadDeliverable(
  prisma: PrismaClient,
  vault: KeyVault,
  orderId: string,
): Promise<DeliverableOrder | undefined> {
  const order = await prisma.order.findUnique({
    relationLoadStrategy: "join",
    where: { id: orderId },
    include: {
      shop: true,
      lines: {
        orderBy: { position: "asc" },
        include: {
          product: true,
          purchases: { orderBy: { unitIndex: "asc" }, include: { key: true } },
        },
      },
    },
  });
  if (!order || order.status !== OrderStatus.fulfilled) return undefined;

  const items: DeliverableItem[] = order.lines.flatMap((line) =>
    line.purchases.flatMap((purchase): DeliverableItem[] => {
      const key = purchase.key;
      if (!key) return [];
      const secret = vault.open(key.seal, `key:${purchase.id}`);
      const productName = line.product?.name ?? line.name;
      const externalLineId = line.externalLineId;
      return key.kind === "image"
        ? [
            {
              productName,
              externalLineId,
              key: {
                kind: "image",
                mimeType: key.mimeType,
                data: secret,
                fileName: key.fileName ?? "key.png",
              },
            },
          ]
        : [{ productName, externalLineId, key: { kind: "text", code: secret.toString("utf8") } }];
    }),
  );

  return {
    id: order.id,
    accountId: order.accountId,
    shopId: order.shopId,
    shopDomain: order.shop.domain,
    shopPlatform: order.shop.platform,
    externalId: order.externalId,
    storeOrderRef: order.storeOrderRef,
    customerEmail: order.customerEmail ?? undefined,
    customerName: order.customerName ?? undefined,
    items,
    delivery: await accountDeliveryOptions(prisma, order.accountId),
  };
}

function markDelivered(prisma: PrismaClient, orderId: string): Promise<void> {
  return advanceOrder(prisma, orderId, {
    from: OrderStatus.fulfilled,
    to: OrderStatus.delivered,
    event: "order.delivered",
  });
}
