import type { Db } from "../../db/types.ts";
import { enqueueJob } from "../../jobs/job-queue.ts";

export const WOO_CHECK_WEBHOOKS_JOB = "woocommerce.check-webhooks";
export const WOO_SWEEP_ORDERS_JOB = "woocommerce.sweep-orders";

export type WooIntervals = { webhookCheckMs: number; orderSweepMs: number };

/**
 * Queues the next webhook check and order sweep of a shop. Each run queues its successor, and
 * the unique key keeps one queued run per shop and kind however often this is called.
 */
export async function scheduleWooMaintenance(
  db: Db,
  shopId: string,
  intervals: WooIntervals,
  kinds: "both" | "check" | "sweep" = "both",
): Promise<void> {
  const now = Date.now();
  if (kinds !== "sweep") {
    await enqueueJob(
      db,
      WOO_CHECK_WEBHOOKS_JOB,
      { shopId },
      { uniqueKey: `woo-check:${shopId}`, runAt: new Date(now + intervals.webhookCheckMs) },
    );
  }
  if (kinds !== "check") {
    await enqueueJob(
      db,
      WOO_SWEEP_ORDERS_JOB,
      { shopId },
      { uniqueKey: `woo-sweep:${shopId}`, runAt: new Date(now + intervals.orderSweepMs) },
    );
  }
}

/**
 * Makes sure every connected shop has its periodic jobs queued, e.g. after a run failed for good
 * or the jobs table was cleaned. Cheap: one insert per shop that does nothing when queued.
 */
export async function scheduleAllWooMaintenance(db: Db, intervals: WooIntervals): Promise<void> {
  const connections = await db.wooConnection.findMany({
    where: { shop: { active: true } },
    select: { shopId: true },
  });
  for (const { shopId } of connections) await scheduleWooMaintenance(db, shopId, intervals);
}
