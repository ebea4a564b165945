// The bare baseline for the API bench, run as a process of its own: node:http and `pg`, the
// same orders SQL as the platform's page (see orders-sql.ts), the same JSON shape, no key
// check and no rate limit. Nothing else.
import http from "node:http";
import pg from "pg";
import { COUNT_SQL, PAGE_SQL } from "./orders-sql.ts";

const { BASELINE_PORT, DATABASE_URL, ACCOUNT_ID } = process.env;
if (!BASELINE_PORT || !DATABASE_URL || !ACCOUNT_ID) {
  throw new Error("BASELINE_PORT, DATABASE_URL and ACCOUNT_ID are required");
}
const accountId = ACCOUNT_ID;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });

type Row = {
  id: string;
  status: string;
  created_at: Date;
  store_order_ref: string;
  shop_id: string;
  total_minor: number;
  currency: string;
  lines: { name: string; product: string | null }[];
};

async function ordersPage(url: URL): Promise<string> {
  const query = url.searchParams;
  const limit = Number(query.get("limit") ?? 20);
  const page = Number(query.get("page") ?? 1);
  const from = new Date(`${query.get("from")}T00:00:00.000Z`);
  const to = new Date(`${query.get("to")}T23:59:59.999Z`);
  const filter = [accountId, true, query.get("status"), from, to];
  const [count, rows] = await Promise.all([
    pool.query<{ total: number }>(COUNT_SQL, filter),
    pool.query<Row>(PAGE_SQL, [...filter, limit, (page - 1) * limit]),
  ]);
  const total = count.rows[0].total;
  const data = rows.rows.map((order) => ({
    id: order.id,
    status: order.status,
    product: order.lines[0]?.product ?? order.lines[0]?.name ?? null,
    created_at: order.created_at.toISOString(),
    store_order_id: order.store_order_ref,
    shop_id: order.shop_id,
    total: order.total_minor / 100,
    currency: order.currency,
  }));
  return JSON.stringify({ data, meta: { total, page, limit, pages: Math.ceil(total / limit) } });
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname !== "/api/v1/orders") return void response.writeHead(200).end("ok");
  ordersPage(url).then(
    (body) => response.writeHead(200, { "content-type": "application/json" }).end(body),
    () => response.writeHead(500).end(),
  );
});

server.listen(Number(BASELINE_PORT), "127.0.0.1");
process.on("SIGINT", () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
