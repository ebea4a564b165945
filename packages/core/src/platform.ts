import { SandboxSupplier, type Supplier } from "@premiumcdkeys/suppliers";
import type { Config } from "./config/config.ts";
import { openDatabase, type Database } from "./db/open-database.ts";
import { deliverOrderHandler } from "./delivery/deliver-order.ts";
import type { DeliveryChannel } from "./delivery/delivery-channel.ts";
import { emailChannel } from "./delivery/email-channel.ts";
import { createMailSender, type MailSender } from "./delivery/mail-transport.ts";
import { DISPATCH_WEBHOOKS_JOB } from "./events/record-event.ts";
import { Worker, type JobHandler } from "./jobs/worker.ts";
import type { Logger } from "./logger.ts";
import type { PrismaClient } from "./db/types.ts";
import { checkStockHandler } from "./orders/check-stock.ts";
import { CHECK_STOCK_JOB, DELIVER_ORDER_JOB, fulfilOrderHandler } from "./orders/fulfil-order.ts";
import { FULFIL_ORDER_JOB } from "./orders/record-shop-order.ts";
import { processShopWebhookHandler } from "./shops/process-shop-webhook.ts";
import { PROCESS_SHOP_WEBHOOK_JOB } from "./shops/receive-shop-webhook.ts";
import { ShopDirectory } from "./shops/shop-directory.ts";
import { StockCache } from "./suppliers/stock-cache.ts";
import type { ShopPlatform } from "./shops/shop-platform.ts";
import type { ShopConnections } from "./shops/woocommerce/shop-connections.ts";
import type { WooCommerceConnector } from "./shops/woocommerce/woo-connector.ts";
import { scheduleAllWooMaintenance } from "./shops/woocommerce/woo-schedule.ts";
import { wireWooCommerce } from "./shops/woocommerce/woo-wiring.ts";
import { loadVault } from "./vault/load-vault.ts";
import type { KeyVault } from "./vault/key-vault.ts";
import { dispatchEndpointHandler } from "./webhooks/dispatch-endpoint.ts";
import { WebhookEndpoints } from "./webhooks/webhook-endpoints.ts";
import { CircuitBreaker } from "./suppliers/circuit-breaker.ts";
import { preorderNotice } from "./suppliers/preorder-notice.ts";
import { SupplierConnections } from "./suppliers/supplier-connections.ts";
import { schedulePeriodicJobs, supplierJobHandlers } from "./suppliers/supplier-jobs.ts";
import { SupplierRegistry } from "./suppliers/supplier-registry.ts";

/** Everything a process of the platform needs, built once at start-up and passed explicitly. */
export type Platform = {
  config: Config;
  log: Logger;
  db: Database;
  vault: KeyVault;
  shopPlatforms: Record<string, ShopPlatform>;
  shops: ShopDirectory;
  suppliers: Record<string, Supplier>;
  sandbox: SandboxSupplier;
  /** Merchants' supplier accounts (sealed credentials). */
  supplierConnections: SupplierConnections;
  /** An account's usable suppliers: `forAccount(accountId, { sandbox })`. */
  supplierRegistry: SupplierRegistry;
  mail: MailSender;
  webhookEndpoints: WebhookEndpoints;
  /** Live supplier stock for the API, remembered for a few seconds. */
  stockCache: StockCache;
  /** Connect, list, check and disconnect shops; present when a WooCommerce connector is. */
  shopConnections?: ShopConnections;
  worker: Worker;
  close(): Promise<void>;
};

export type PlatformOptions = {
  config: Config;
  log: Logger;
  /** Shop connectors by id ("shopify", "woocommerce"); the app supplies them. */
  shopPlatforms: ShopPlatform[];
  /** Extra delivery channels beside email (shop-side delivery). */
  extraChannels?: DeliveryChannel[];
  /** Talks to connected WooCommerce shops (`@premiumcdkeys/woocommerce`). */
  wooConnector?: WooCommerceConnector;
  /** Connector parts built on the database and vault (the Shopify app's channel and jobs). */
  extensions?: PlatformExtension[];
  poolSize?: number;
};

/** Delivery channels and job handlers that a connector builds once the core parts exist. */
export type PlatformExtension = (core: {
  config: Config;
  log: Logger;
  prisma: PrismaClient;
  vault: KeyVault;
}) => { channels?: DeliveryChannel[]; jobHandlers?: Record<string, JobHandler> };

/** The composition root: database, vault, adapters, use cases and the job worker. */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const { config, log } = options;
  const db = await openDatabase(config, log, { poolSize: options.poolSize });
  const vault = loadVault(config, log);
  const prisma = db.prisma;

  const sandbox = new SandboxSupplier((sql, ...params) => prisma.$queryRawUnsafe(sql, ...params), {
    latencyMs: config.sandboxLatencyMs,
    timeoutMs: config.sandboxTimeoutMs,
  });
  const suppliers: Record<string, Supplier> = { [sandbox.id]: sandbox };
  const shopPlatforms = Object.fromEntries(
    options.shopPlatforms.map((platform) => [platform.id, platform]),
  );
  const mail = createMailSender({ smtpUrl: config.smtpUrl, vault, prisma, log });
  const supplierConnections = new SupplierConnections(prisma, vault, {
    allowBaseUrlOverride: config.supplierBaseUrlOverride,
  });
  const supplierRegistry = new SupplierRegistry(prisma, vault, supplierConnections, sandbox, {
    timeoutMs: config.supplierTimeoutMs,
  });
  const supplierDeps = {
    prisma,
    vault,
    registry: supplierRegistry,
    timeoutMs: config.supplierTimeoutMs,
    claimMs: config.jobLeaseMs,
    log,
  };
  const shops = new ShopDirectory(prisma, vault);
  let wakeWorker = () => {};
  const woo = options.wooConnector
    ? wireWooCommerce({
        config,
        prisma,
        vault,
        log,
        shops,
        connector: options.wooConnector,
        platform: shopPlatforms.woocommerce,
        nudgeWorker: () => wakeWorker(),
      })
    : undefined;
  const extended = (options.extensions ?? []).map((extend) =>
    extend({ config, log, prisma, vault }),
  );
  const channels = [
    emailChannel(mail, config.mailFrom),
    ...(options.extraChannels ?? []),
    ...extended.flatMap((parts) => parts.channels ?? []),
    ...(woo ? [woo.channel] : []),
  ];

  const handlers: Record<string, JobHandler> = {
    [PROCESS_SHOP_WEBHOOK_JOB]: processShopWebhookHandler(prisma, shopPlatforms, {
      maxUnitsPerOrder: config.maxUnitsPerOrder,
    }),
    [FULFIL_ORDER_JOB]: fulfilOrderHandler({
      prisma,
      vault,
      registry: supplierRegistry,
      claimMs: config.jobLeaseMs,
      supplierTimeoutMs: config.supplierTimeoutMs,
      breaker: new CircuitBreaker({
        failures: config.supplierCircuitFailures,
        cooldownMs: config.supplierCircuitCooldownMs,
      }),
      onPreorder: preorderNotice(prisma, mail, config.mailFrom),
    }),
    [DELIVER_ORDER_JOB]: deliverOrderHandler(prisma, vault, channels),
    [CHECK_STOCK_JOB]: checkStockHandler(prisma, supplierRegistry, config.supplierTimeoutMs),
    ...supplierJobHandlers({
      ...supplierDeps,
      refreshEveryMs: config.supplierRefreshMs,
      preorderCheckEveryMs: config.preorderCheckMs,
    }),
    [DISPATCH_WEBHOOKS_JOB]: dispatchEndpointHandler(prisma, vault, {
      allowPrivateTargets: config.allowPrivateWebhookTargets,
      retryDelaysMs: config.webhookRetryDelaysMs,
      timeoutMs: config.webhookTimeoutMs,
    }),
    ...woo?.handlers,
    ...Object.fromEntries(extended.flatMap((parts) => Object.entries(parts.jobHandlers ?? {}))),
  };
  const worker = new Worker(
    prisma,
    handlers,
    {
      concurrency: config.workerConcurrency,
      leaseMs: config.jobLeaseMs,
      pollMs: config.workerPollMs,
      retryBaseMs: config.jobRetryBaseMs,
    },
    log,
  );
  await schedulePeriodicJobs(prisma, {
    refreshMs: config.supplierRefreshMs,
    preorderCheckMs: config.preorderCheckMs,
  });
  wakeWorker = () => worker.nudge();
  if (woo) await scheduleAllWooMaintenance(prisma, woo.intervals);

  return {
    config,
    log,
    db,
    vault,
    shopPlatforms,
    shops,
    suppliers,
    sandbox,
    supplierConnections,
    supplierRegistry,
    mail,
    webhookEndpoints: new WebhookEndpoints(prisma, vault, {
      allowPrivateTargets: config.allowPrivateWebhookTargets,
      timeoutMs: config.webhookTimeoutMs,
    }),
    stockCache: new StockCache({ ttlMs: 10_000, timeoutMs: config.supplierTimeoutMs }),
    shopConnections: woo?.connections,
    worker,
    async close() {
      await worker.stop();
      await db.close();
    },
  };
}
