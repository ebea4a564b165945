import type { PrismaClient } from "../db/types.ts";
import { PermanentFailure } from "../jobs/job-errors.ts";
import type { JobHandler } from "../jobs/worker.ts";
import { recordShopOrder } from "../orders/record-shop-order.ts";
import type { ShopPlatform } from "./shop-platform.ts";

/** Turns a recorded shop delivery into order state. */
export function processShopWebhookHandler(
  prisma: PrismaClient,
  platforms: Record<string, ShopPlatform>,
): JobHandler {
  return {
    async run(payload, { log }) {
      const inbound = await prisma.inboundWebhook.findUnique({
        where: { id: String(payload.inboundId) },
        include: { shop: true },
      });
      if (!inbound || inbound.processedAt) return;

      const platform = platforms[inbound.shop.platform];
      if (!platform)
        throw new PermanentFailure(`No platform ${inbound.shop.platform}`, "UNKNOWN_PLATFORM");

      let snapshot;
      try {
        snapshot = platform.parseOrder(inbound.topic, inbound.body);
      } catch (error) {
        throw new PermanentFailure(
          `Unusable ${inbound.topic} body: ${(error as Error).message}`,
          "BAD_PAYLOAD",
        );
      }

      const orderLog = log.child({ shopId: inbound.shopId });
      await recordShopOrder(prisma, inbound.shop, snapshot, orderLog, inbound.id);
    },
  };
}
