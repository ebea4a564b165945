import path from "node:path";
import { fixture, shopifyHeaders } from "../../app/src/demo/shop-deliveries.ts";
import { freePort, runTs, waitUntilUp } from "./child-process.ts";
import { runLoad, type LoadResult } from "./load-generator.ts";
import { startPlatformServer } from "./platform-server.ts";
import { summarise, type LatencySummary } from "./stats.ts";

export type IngestFigures = {
  requestsPerSecond: number;
  latency: LatencySummary;
  ok: number;
  failed: number;
};

export type IngestResult = { ours: IngestFigures; baseline: IngestFigures };

type IngestOptions = { requests: number; warmup: number; concurrency: number };

/**
 * Signed Shopify `orders/paid` deliveries, each with its own X-Shopify-Webhook-Id, against the
 * platform's server without its worker (only ingest is measured) and against the bare baseline
 * writing to the same database, one after the other, after a warm-up of both.
 */
export async function benchIngest(options: IngestOptions): Promise<IngestResult> {
  const server = await startPlatformServer({ RUN_WORKER: "false" });
  const shop = server.demo.shops.shopify;
  const baselinePort = await freePort();
  const baseline = runTs(
    "test/bench/baseline-server.ts",
    {
      BASELINE_PORT: String(baselinePort),
      DATABASE_URL: server.databaseUrl,
      SHOP_ID: shop.id,
      SHOP_SECRET: shop.webhook_secret,
    },
    path.join(server.dataDir, "baseline.log"),
  );

  try {
    await waitUntilUp(`http://127.0.0.1:${baselinePort}/healthz`, baseline);
    const body = fixture("shopify/orders-paid.json");
    const load = (url: string, total: number) =>
      runLoad({
        url,
        total,
        concurrency: options.concurrency,
        request: () => ({ headers: shopifyHeaders(shop.webhook_secret, body), body }),
      });
    const ourUrl = `${server.url}/api/webhook/shopify/${shop.id}`;
    const baselineUrl = `http://127.0.0.1:${baselinePort}/api/webhook/shopify/${shop.id}`;

    await load(ourUrl, options.warmup);
    await load(baselineUrl, options.warmup);
    const baselineRun = figures(await load(baselineUrl, options.requests));
    const ourRun = figures(await load(ourUrl, options.requests));
    return { ours: ourRun, baseline: baselineRun };
  } finally {
    await baseline.stop();
    await server.stop();
  }
}

function figures(result: LoadResult): IngestFigures {
  const ok = result.statuses.get(200) ?? 0;
  return {
    requestsPerSecond: result.latenciesMs.length / (result.elapsedMs / 1000),
    latency: summarise(result.latenciesMs),
    ok,
    failed: result.latenciesMs.length - ok,
  };
}
