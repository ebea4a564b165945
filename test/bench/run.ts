// `npm run bench`: ingest against a bare baseline, then orders from webhook to delivered at two
// supplier latencies. Prints figures and a PASS/MISS per target; a miss never fails the process.
// Each part starts its own server in its own temporary data folder, on loopback only.
import { apiTargets, printApi } from "./api/api-report.ts";
import { benchApiOrders, withScratchDatabase, type ApiResult } from "./api/bench-api-orders.ts";
import { benchIngest } from "./ingest.ts";
import { benchOrders, type OrdersResult } from "./orders-to-delivered.ts";
import {
  ingestTargets,
  ordersTargets,
  printHeader,
  printIngest,
  printOrders,
  printTargets,
  type Target,
} from "./report.ts";

const say = (line: string) => console.log(line);
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const INGEST = {
  requests: setting("BENCH_INGEST_REQUESTS", 3000),
  warmup: setting("BENCH_INGEST_WARMUP", 500),
  concurrency: 50,
};
const ORDERS = setting("BENCH_ORDERS", 1000);
// 64 kept the worker busy while sandbox calls wait 300 ms; at 0 ms, 16 to 128 measured alike.
const WORKER_CONCURRENCY = setting("BENCH_WORKER_CONCURRENCY", 64);
const LATENCIES = (process.env.BENCH_LATENCIES ?? "0,300").split(",").map(Number);
// For profiling one part alone: BENCH_PARTS=ingest, orders or api.
const PARTS = (process.env.BENCH_PARTS ?? "ingest,orders,api").split(",");
const API = {
  orders: setting("BENCH_API_ORDERS", 100_000),
  requests: setting("BENCH_API_REQUESTS", 2000),
  warmup: setting("BENCH_API_WARMUP", 300),
  concurrency: 20,
  // A steady load well inside what two cores serve, at which the latency target is read.
  ratePerSecond: setting("BENCH_API_RATE", 50),
};
// BENCH_API_DATABASES=postgres skips the slow PGlite seeding when only PostgreSQL is of interest.
const API_DATABASES = (process.env.BENCH_API_DATABASES ?? "pglite,postgres").split(",");
// The API part runs on PGlite, then on this PostgreSQL server when one answers (in a scratch
// database it creates and drops).
const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

printHeader(say);
const started = Date.now();
const targets: Target[] = [];

if (PARTS.includes("ingest")) {
  say(
    `Running (a): ${INGEST.requests} requests per server, ` +
      `${INGEST.concurrency} concurrent clients...`,
  );
  const ingest = await benchIngest(INGEST);
  say("");
  printIngest(say, ingest, INGEST);
  targets.push(...ingestTargets(ingest));
}

const orders: OrdersResult[] = [];
for (const latencyMs of PARTS.includes("orders") ? LATENCIES : []) {
  say(`Running (b): ${ORDERS} orders at ${latencyMs} ms supplier latency...`);
  const options = { orders: ORDERS, latencyMs, workerConcurrency: WORKER_CONCURRENCY, clients: 50 };
  orders.push(await benchOrders({ ...options, timeoutMs: 150_000 }));
}
if (orders.length > 0) {
  say("");
  printOrders(say, orders);
  targets.push(...ordersTargets(orders));
}

if (PARTS.includes("api")) {
  const results: ApiResult[] = [];
  if (API_DATABASES.includes("pglite")) {
    say(`Running (c): orders API over ${API.orders} orders on PGlite...`);
    results.push(await benchApiOrders(API));
  }
  if (API_DATABASES.includes("postgres")) {
    say(`Running (c): orders API over ${API.orders} orders on PostgreSQL...`);
    const onPostgres = await withScratchDatabase(BENCH_POSTGRES_URL, (url) =>
      benchApiOrders(API, url),
    );
    if (onPostgres) results.push(onPostgres);
    else say(`    skipped: no PostgreSQL answers at ${BENCH_POSTGRES_URL}`);
  }
  say("");
  printApi(say, results, API);
  targets.push(...apiTargets(results, API));
}

printTargets(say, targets);
say("");
say(
  `Bench took ${((Date.now() - started) / 1000).toFixed(0)} s. ` +
    "Targets are goals: a MISS does not fail.",
);
