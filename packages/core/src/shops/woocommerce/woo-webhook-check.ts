import type { PrismaClient } from "../../db/types.ts";
import type { JobHandler } from "../../jobs/worker.ts";
import type { Logger } from "../../logger.ts";
import type { KeyVault } from "../../vault/key-vault.ts";
import { loadWooShop, webhookSpecs } from "./woo-access.ts";
import type { WebhookRepair, WooCommerceConnector, WooFailure } from "./woo-connector.ts";
import { scheduleWooMaintenance, type WooIntervals } from "./woo-schedule.ts";

export type WooCheckDeps = {
  prisma: PrismaClient;
  vault: KeyVault;
  connector: WooCommerceConnector;
  appUrl: () => string;
  intervals: WooIntervals;
};

export type WebhookCheck =
  | { ok: true; repairs: WebhookRepair[] }
  | { ok: false; error: WooFailure }
  | { ok: false; error: { code: "SHOP_NOT_CONNECTED" | "CHECK_IN_PROGRESS"; message: string } };

// Longer than any check takes: a few REST calls, each bounded by the shop timeout.
const LEASE_MS = 5 * 60_000;

/**
 * WooCommerce never retries a webhook and disables it after a few failed deliveries: this puts
 * ours back (re-activated, re-created, or pointed at the current APP_URL) and records the result.
 */
export async function checkWooWebhooks(
  deps: WooCheckDeps,
  shopId: string,
  log: Logger,
): Promise<WebhookCheck> {
  const shop = await loadWooShop(deps.prisma, deps.vault, shopId);
  if (!shop) {
    return { ok: false, error: { code: "SHOP_NOT_CONNECTED", message: "Shop not connected" } };
  }

  const now = new Date();
  const leased = await deps.prisma.wooConnection.updateMany({
    where: { shopId, OR: [{ checkLeaseUntil: null }, { checkLeaseUntil: { lt: now } }] },
    data: { checkLeaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  if (leased.count === 0) {
    return { ok: false, error: { code: "CHECK_IN_PROGRESS", message: "A check is running" } };
  }

  const specs = webhookSpecs(deps.appUrl(), shopId, shop.webhookSecret);
  const result = await deps.connector
    .repairWebhooks(shop.access, specs, shop.webhookIds)
    .finally(() =>
      deps.prisma.wooConnection.updateMany({ where: { shopId }, data: { checkLeaseUntil: null } }),
    );
  await deps.prisma.wooConnection.updateMany({
    where: { shopId },
    data: {
      lastCheckAt: new Date(),
      lastCheckError: result.ok ? null : `${result.error.code}: ${result.error.message}`,
      ...(result.ok ? { webhookIds: result.value.ids } : {}),
    },
  });

  if (!result.ok) {
    log.warn({ shopId, code: result.error.code }, "woocommerce webhook check failed");
    return result;
  }
  for (const repair of result.value.repairs) {
    log.warn({ shopId, ...repair }, "woocommerce webhook repaired");
  }
  return { ok: true, repairs: result.value.repairs };
}

/** The periodic check as a job: runs, then queues the next run whatever the outcome. */
export function wooWebhookCheckHandler(deps: WooCheckDeps): JobHandler {
  return {
    async run(payload, { log }) {
      const shopId = String(payload.shopId);
      let connected = true;
      try {
        const outcome = await checkWooWebhooks(deps, shopId, log);
        connected = outcome.ok || outcome.error.code !== "SHOP_NOT_CONNECTED";
      } finally {
        if (connected) await scheduleWooMaintenance(deps.prisma, shopId, deps.intervals, "check");
      }
    },
  };
}
