import type { Config } from "../../config/config.ts";
import type { PrismaClient } from "../../db/types.ts";
import type { DeliveryChannel } from "../../delivery/delivery-channel.ts";
import type { JobHandler } from "../../jobs/worker.ts";
import type { Logger } from "../../logger.ts";
import type { KeyVault } from "../../vault/key-vault.ts";
import type { ShopDirectory } from "../shop-directory.ts";
import type { ShopPlatform } from "../shop-platform.ts";
import { ShopConnections } from "./shop-connections.ts";
import { wooDeliveryChannel } from "./woo-delivery-channel.ts";
import type { WooCommerceConnector } from "./woo-connector.ts";
import { wooOrderSweepHandler } from "./woo-order-sweep.ts";
import { WOO_CHECK_WEBHOOKS_JOB, WOO_SWEEP_ORDERS_JOB } from "./woo-schedule.ts";
import { wooWebhookCheckHandler } from "./woo-webhook-check.ts";

type WooParts = {
  config: Config;
  prisma: PrismaClient;
  vault: KeyVault;
  log: Logger;
  shops: ShopDirectory;
  connector: WooCommerceConnector;
  /** The WooCommerce webhook reader: swept orders are checked exactly as webhook bodies are. */
  platform: ShopPlatform;
  nudgeWorker: () => void;
};

/** The WooCommerce connection's jobs, delivery channel and use cases, built for the platform. */
export function wireWooCommerce(parts: WooParts) {
  const { config, prisma, vault, log, connector } = parts;
  const intervals = {
    webhookCheckMs: config.wooWebhookCheckIntervalMs,
    orderSweepMs: config.wooOrderSweepIntervalMs,
  };
  // Read at call time: tests and the demo learn their address only once they listen.
  const appUrl = () => config.appUrl;
  const deps = { prisma, vault, connector, appUrl, intervals };

  const handlers: Record<string, JobHandler> = {
    [WOO_CHECK_WEBHOOKS_JOB]: wooWebhookCheckHandler(deps),
    [WOO_SWEEP_ORDERS_JOB]: wooOrderSweepHandler({
      ...deps,
      platform: parts.platform,
      onRecorded: parts.nudgeWorker,
    }),
  };
  const channel: DeliveryChannel = wooDeliveryChannel(prisma, vault, connector, log);
  const connections = new ShopConnections(
    {
      ...deps,
      shops: parts.shops,
      log,
      // Shops on this machine are for development; a production server never calls its own host.
      addressPolicy: { allowLoopback: !config.production },
    },
    log,
  );
  return { handlers, channel, connections, intervals };
}
