import type { PrismaClient } from "../db/types.ts";
import { PermanentFailure } from "../jobs/job-errors.ts";
import type { JobHandler } from "../jobs/worker.ts";
import { recordShopOrder, type OrderLimits } from "../orders/record-shop-order.ts";
import { readOrder } from "./order-snapshot-schema.ts";
import type { ShopPlatform } from "./shop-platform.ts";

/** Turns a recorded shop delivery into order state. */
export function processShopWebhookHandler(
  prisma: PrismaClient,
  platforms: Record<string, ShopPlatform>,
  limits: OrderLimits,
): JobHandler {
  return {
    async run(payload, { log }) {
      const inbound = await prisma.inboundWebhook.findUnique({
        where: { id: String(payload.inboundId) },
        include: { shop: true },
      });
      if (!inbound || inbound.processedAt) return;
      // An uninstalled or disconnected shop's late deliveries are kept but start nothing.
      if (!inbound.shop.active) {
        await prisma.inboundWebhook.update({
          where: { id: inbound.id },
          data: { processedAt: new Date() },
        });
        log.info({ shopId: inbound.shopId }, "delivery for an inactive shop: not processed");
        return;
      }

      const platform = platforms[inbound.shop.platform];
      if (!platform)
        throw new PermanentFailure(`No platform ${inbound.shop.platform}`, "UNKNOWN_PLATFORM");

      // Checked on receipt already; read the same way again from the recorded bytes.
      const order = readOrder(platform, inbound.topic, inbound.body);
      if (!order.ok) throw new PermanentFailure(order.reason, "BAD_PAYLOAD");

      const orderLog = log.child({ shopId: inbound.shopId });
      await recordShopOrder(prisma, inbound.shop, order.snapshot, orderLog, inbound.id, limits);
    },
  };
}
