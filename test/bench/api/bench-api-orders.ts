import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { freePort, runTs, waitUntilUp } from "../child-process.ts";
import { runLoad, type LoadResult } from "../load-generator.ts";
import { runPaced } from "../paced-load.ts";
import { startPlatformServer } from "../platform-server.ts";
import { summarise, type LatencySummary } from "../stats.ts";
import { liftRateLimit, seedOrders } from "./seed-orders.ts";

export type ApiFigures = { requestsPerSecond: number; latency: LatencySummary; non200: number };

export type ApiResult = {
  database: string;
  /** Closed loop: `concurrency` clients, each sending again as soon as it is answered. */
  ours: ApiFigures;
  baseline: ApiFigures;
  /** Open loop: `ratePerSecond` requests started per second, answered or not. */
  oursPaced: ApiFigures;
  baselinePaced: ApiFigures;
  /** p50 of the rate-limit statement alone, sent one at a time. */
  rateLimitP50Ms: number;
  seedSeconds: number;
};

type ApiOptions = {
  orders: number;
  requests: number;
  warmup: number;
  concurrency: number;
  ratePerSecond: number;
};

/**
 * `GET /api/v1/orders` with status, from, to, limit and page filters over `orders` seeded
 * orders, against the platform's server (no worker) and the bare baseline reading the same
 * database, one after the other after a warm-up of both: once at a steady request rate (the
 * latency a client sees) and once with every client sending flat out (the most either serves).
 * With `databaseUrl`, on that PostgreSQL database; otherwise on the embedded PGlite.
 */
export async function benchApiOrders(
  options: ApiOptions,
  databaseUrl?: string,
): Promise<ApiResult> {
  const server = await startPlatformServer({
    RUN_WORKER: "false",
    LOG_LEVEL: "warn",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const seedStarted = performance.now();
  await seedOrders(server.databaseUrl, server.demo, options.orders);
  await liftRateLimit(server.databaseUrl, server.demo.account_id);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const baselinePort = await freePort();
  const baseline = runTs(
    "test/bench/api/baseline-api-server.ts",
    {
      BASELINE_PORT: String(baselinePort),
      DATABASE_URL: server.databaseUrl,
      ACCOUNT_ID: server.demo.account_id,
    },
    path.join(server.dataDir, "baseline-api.log"),
  );
  try {
    await waitUntilUp(`http://127.0.0.1:${baselinePort}/healthz`, baseline);
    const headers = { authorization: `Bearer ${server.demo.api_key}` };
    const request = (index: number) => ({
      method: "GET" as const,
      headers,
      path:
        "/api/v1/orders?status=delivered&from=2026-03-01&to=2026-09-30" +
        `&limit=20&page=${1 + (index % 10)}`,
    });
    const load = (url: string, total: number) =>
      runLoad({ url, total, concurrency: options.concurrency, request });
    const paced = (url: string) =>
      runPaced({ url, total: options.requests, ratePerSecond: options.ratePerSecond, request });
    const ourUrl = `${server.url}/api/v1/orders`;
    const baselineUrl = `http://127.0.0.1:${baselinePort}/api/v1/orders`;

    await load(ourUrl, options.warmup);
    await load(baselineUrl, options.warmup);
    const baselinePaced = figures(await paced(baselineUrl));
    const oursPaced = figures(await paced(ourUrl));
    const baselineRun = figures(await load(baselineUrl, options.requests));
    const ourRun = figures(await load(ourUrl, options.requests));
    const rateLimitP50Ms = await rateLimitStatementP50(server.databaseUrl);
    return {
      database: databaseUrl ? "PostgreSQL" : "PGlite",
      ours: ourRun,
      baseline: baselineRun,
      oursPaced,
      baselinePaced,
      rateLimitP50Ms,
      seedSeconds,
    };
  } finally {
    await baseline.stop();
    await server.stop();
  }
}

/** The statement the rate limiter sends per request (see rate-limit.ts), timed on its own. */
async function rateLimitStatementP50(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const timings: number[] = [];
  try {
    for (let index = 0; index < 500; index++) {
      const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const started = performance.now();
      await client.query(
        `WITH expired AS (
           DELETE FROM rate_limit_windows WHERE subject = $1 AND window_start < $2)
         INSERT INTO rate_limit_windows (subject, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (subject, window_start) DO UPDATE SET count = rate_limit_windows.count + 1
         RETURNING count`,
        ["bench:rate-limit", start],
      );
      timings.push(performance.now() - started);
    }
  } finally {
    await client.end();
  }
  return summarise(timings).p50;
}

function figures(result: LoadResult): ApiFigures {
  return {
    requestsPerSecond: result.latenciesMs.length / (result.elapsedMs / 1000),
    latency: summarise(result.latenciesMs),
    non200: result.latenciesMs.length - (result.statuses.get(200) ?? 0),
  };
}

/**
 * A database of its own on the PostgreSQL server at `serverUrl` for one run, dropped after;
 * undefined when no server answers.
 */
export async function withScratchDatabase<T>(
  serverUrl: string,
  run: (databaseUrl: string) => Promise<T>,
): Promise<T | undefined> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `pck_bench_api_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await run(url.href);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
