import { createHash } from "node:crypto";
import type { PrismaClient } from "../../db/types.ts";
import type { JobHandler } from "../../jobs/worker.ts";
import type { Logger } from "../../logger.ts";
import type { KeyVault } from "../../vault/key-vault.ts";
import { readOrder } from "../order-snapshot-schema.ts";
import { PROCESS_SHOP_WEBHOOK_JOB, recordInboundDelivery } from "../receive-shop-webhook.ts";
import type { ShopPlatform } from "../shop-platform.ts";
import { loadWooShop } from "./woo-access.ts";
import type { WooCommerceConnector } from "./woo-connector.ts";
import { scheduleWooMaintenance, type WooIntervals } from "./woo-schedule.ts";

// Changes within the same second as the cursor, or a shop clock a little behind, are read again;
// reading an unchanged order twice records nothing the second time.
const OVERLAP_MS = 2 * 60_000;
const SWEEP_TOPIC = "order.updated";

export type WooSweepDeps = {
  prisma: PrismaClient;
  vault: KeyVault;
  connector: WooCommerceConnector;
  platform: ShopPlatform;
  intervals: WooIntervals;
  /** Called after orders were recorded, so a worker picks them up without waiting to poll. */
  onRecorded?: () => void;
};

export type SweepOutcome = { fetched: number; recorded: number; skipped: number };

/**
 * Reads the orders the shop changed since the last sweep and records each one exactly as a
 * webhook delivery is recorded, so an order whose webhook was lost is still fulfilled, and an
 * order seen both ways is applied by the same idempotent path (one purchase per unit).
 */
export async function sweepWooOrders(
  deps: WooSweepDeps,
  shopId: string,
  log: Logger,
): Promise<SweepOutcome | undefined> {
  const shop = await loadWooShop(deps.prisma, deps.vault, shopId);
  if (!shop) return undefined;

  const since = new Date(shop.sweptUntil.getTime() - OVERLAP_MS);
  // The shop keeps whole seconds: an order placed in the second of connecting counts as after.
  const createdAfter = new Date(Math.floor(shop.connectedAt.getTime() / 1000) * 1000 - 1000);
  const result = await deps.connector.ordersModifiedSince(shop.access, since, createdAfter);
  if (!result.ok) {
    log.warn({ shopId, code: result.error.code }, "woocommerce order sweep failed");
    throw new Error(`Order sweep failed: ${result.error.code}`);
  }

  const outcome: SweepOutcome = { fetched: result.value.length, recorded: 0, skipped: 0 };
  let cursor = shop.sweptUntil;
  for (const order of result.value) {
    const checked = readOrder(deps.platform, SWEEP_TOPIC, order.body);
    if (!checked.ok) {
      outcome.skipped++;
      log.warn({ shopId, shopOrderId: order.id, reason: checked.reason }, "swept order refused");
    } else {
      const dedupeKey = `sweep:${createHash("sha256").update(order.body).digest("hex")}`;
      const receipt = await recordInboundDelivery(
        deps.prisma,
        { shopId, topic: SWEEP_TOPIC, dedupeKey, body: order.body },
        PROCESS_SHOP_WEBHOOK_JOB,
      );
      if (receipt.ok && receipt.outcome === "recorded") outcome.recorded++;
    }
    if (order.modifiedAt > cursor) cursor = order.modifiedAt;
  }

  await deps.prisma.wooConnection.update({ where: { shopId }, data: { sweptUntil: cursor } });
  if (outcome.recorded > 0) {
    log.info({ shopId, ...outcome }, "woocommerce orders swept");
    deps.onRecorded?.();
  }
  return outcome;
}

/** The periodic sweep as a job: runs, then queues the next run whatever the outcome. */
export function wooOrderSweepHandler(deps: WooSweepDeps): JobHandler {
  return {
    async run(payload, { log }) {
      const shopId = String(payload.shopId);
      let connected = true;
      try {
        connected = (await sweepWooOrders(deps, shopId, log)) !== undefined;
      } finally {
        if (connected) await scheduleWooMaintenance(deps.prisma, shopId, deps.intervals, "sweep");
      }
    },
  };
}
