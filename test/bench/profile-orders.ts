// `npx tsx test/bench/profile-orders.ts`: where an order's time goes in the database. The server
// serves ingest and the embedded database; a separate `npm run worker` process does the jobs
// through a timing proxy, so every statement the worker sends is counted and timed.
// Settings: PROFILE_ORDERS (200), PROFILE_WORKER_CONCURRENCY (1), SANDBOX_LATENCY_MS (0).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { shopifyOrder } from "../../app/src/demo/demo-orders.ts";
import { shopifyHeaders } from "../../app/src/demo/shop-deliveries.ts";
import { runTs } from "./child-process.ts";
import { runLoad } from "./load-generator.ts";
import { startPlatformServer } from "./platform-server.ts";
import { startSqlProxy } from "./sql-proxy.ts";

const orders = Number(process.env.PROFILE_ORDERS ?? 200);
const concurrency = process.env.PROFILE_WORKER_CONCURRENCY ?? "1";
const say = (line: string) => console.log(line);

const server = await startPlatformServer({ RUN_WORKER: "false" });
const database = new URL(server.databaseUrl);
const proxy = await startSqlProxy({ host: database.hostname, port: Number(database.port) });
const workerLog = path.join(server.dataDir, "worker.log");
const worker = runTs(
  "app/src/cli/worker.ts",
  {
    DATA_DIR: server.dataDir,
    // PROFILE_DIRECT=1 leaves the proxy out, to tell its effect from the worker's own.
    DATABASE_URL: process.env.PROFILE_DIRECT
      ? server.databaseUrl
      : `postgresql://postgres:postgres@127.0.0.1:${proxy.port}/postgres?sslmode=disable`,
    WORKER_CONCURRENCY: concurrency,
    SANDBOX_LATENCY_MS: process.env.SANDBOX_LATENCY_MS ?? "0",
  },
  workerLog,
);
const db = new pg.Client({ connectionString: server.databaseUrl });
await db.connect();

try {
  while (
    !fs.existsSync(workerLog) ||
    !fs.readFileSync(workerLog, "utf8").includes("worker started")
  ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  proxy.stats.clear();

  const shop = server.demo.shops.shopify;
  const bodies = Array.from({ length: orders }, (_, n) => shopifyOrder(n).paid);
  const sent = await runLoad({
    url: `${server.url}/api/webhook/shopify/${shop.id}`,
    total: orders,
    concurrency: 50,
    request: (index) => ({
      headers: shopifyHeaders(shop.webhook_secret, bodies[index]),
      body: bodies[index],
    }),
  });
  let settled = 0;
  while (settled < orders) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const { rows } = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM orders WHERE status IN ('delivered', 'failed')",
    );
    settled = Number(rows[0].n);
  }
  const seconds = (Date.now() - sent.firstSentAt) / 1000;

  const rows = [...proxy.stats.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs);
  const totalMs = rows.reduce((sum, [, entry]) => sum + entry.totalMs, 0);
  const statements = rows.reduce((sum, [, entry]) => sum + entry.count, 0);
  say(
    `${orders} orders in ${seconds.toFixed(1)} s (${(orders / seconds).toFixed(1)}/s), ` +
      `worker process apart, WORKER_CONCURRENCY=${concurrency}`,
  );
  say(
    `worker statements: ${statements} (${(statements / orders).toFixed(1)} per order), ` +
      `${totalMs.toFixed(0)} ms waiting on the database ` +
      `(${(totalMs / orders).toFixed(2)} ms per order)`,
  );
  say(`time inside transactions: ${proxy.transactionMs().toFixed(0)} ms`);
  say("");
  say("  total ms   share   count   mean ms  statement");
  for (const [sql, entry] of rows.slice(0, 25)) {
    const share = ((100 * entry.totalMs) / totalMs).toFixed(1);
    say(
      `${entry.totalMs.toFixed(0).padStart(10)} ${share.padStart(6)}% ` +
        `${String(entry.count).padStart(7)} ` +
        `${(entry.totalMs / entry.count).toFixed(2).padStart(9)}  ${sql}`,
    );
  }
} finally {
  await db.end();
  await worker.stop();
  await proxy.close();
  await server.stop();
}
