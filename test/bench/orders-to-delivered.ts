import pg from "pg";
import { shopifyOrder } from "../../app/src/demo/demo-orders.ts";
import { shopifyHeaders } from "../../app/src/demo/shop-deliveries.ts";
import { runLoad } from "./load-generator.ts";
import { startPlatformServer } from "./platform-server.ts";
import { watchProcessTree } from "./process-memory.ts";

export type OrdersOptions = {
  orders: number;
  latencyMs: number;
  workerConcurrency: number;
  clients: number;
  timeoutMs: number;
};

export type OrdersResult = {
  options: OrdersOptions;
  delivered: number;
  failed: number;
  seconds: number;
  ordersPerSecond: number;
  ingestSeconds: number;
  peakTreeMb: number;
  largestProcessHwmMb: number;
  timedOut: boolean;
};

type Progress = { delivered: number; failed: number; lastDeliveredMs: number | null };

/**
 * Paid Shopify orders (the fixture: two lines, four keys) sent as fast as `clients` senders go,
 * in a fresh data folder with the worker running; timed from the first webhook sent to the last
 * order delivered, while the server's process tree is watched for memory.
 */
export async function benchOrders(options: OrdersOptions): Promise<OrdersResult> {
  const server = await startPlatformServer({
    WORKER_CONCURRENCY: String(options.workerConcurrency),
    SANDBOX_LATENCY_MS: String(options.latencyMs),
  });
  const memory = watchProcessTree(server.pid);
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();

  try {
    const shop = server.demo.shops.shopify;
    const bodies = Array.from({ length: options.orders }, (_, n) => shopifyOrder(n).paid);
    const sent = await runLoad({
      url: `${server.url}/api/webhook/shopify/${shop.id}`,
      total: options.orders,
      concurrency: options.clients,
      request: (index) => ({
        headers: shopifyHeaders(shop.webhook_secret, bodies[index]),
        body: bodies[index],
      }),
    });

    const deadline = sent.firstSentAt + options.timeoutMs;
    let progress = await readProgress(db);
    while (progress.delivered + progress.failed < options.orders && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      progress = await readProgress(db);
    }

    const end = progress.lastDeliveredMs ?? Date.now();
    const seconds = (end - sent.firstSentAt) / 1000;
    const { peakTreeMb, largestProcessHwmMb } = memory.stop();
    return {
      options,
      delivered: progress.delivered,
      failed: progress.failed,
      seconds,
      ordersPerSecond: progress.delivered / seconds,
      ingestSeconds: sent.elapsedMs / 1000,
      peakTreeMb,
      largestProcessHwmMb,
      timedOut: progress.delivered + progress.failed < options.orders,
    };
  } finally {
    memory.stop();
    await db.end();
    await server.stop();
  }
}

/** Orders by outcome, and when the last one was delivered (its row's last update, epoch ms). */
async function readProgress(db: pg.Client): Promise<Progress> {
  const { rows } = await db.query<{ delivered: string; failed: string; last: string | null }>(`
    SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered,
           count(*) FILTER (WHERE status = 'failed') AS failed,
           (extract(epoch FROM max(updated_at) FILTER (WHERE status = 'delivered')) * 1000)::text
             AS last
      FROM orders`);
  const row = rows[0];
  return {
    delivered: Number(row.delivered),
    failed: Number(row.failed),
    lastDeliveredMs: row.last ? Number(row.last) : null,
  };
}
