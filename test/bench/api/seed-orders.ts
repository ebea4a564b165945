import pg from "pg";

const STATUSES = ["delivered", "delivered", "delivered", "pending", "failed", "cancelled"];

/**
 * Writes `count` orders of one line each for the demo account's WooCommerce shop, spread over
 * 2026 five minutes apart, in a few statements (PostgreSQL builds the rows itself).
 */
export async function seedOrders(
  databaseUrl: string,
  demo: { account_id: string; shops: { woocommerce: { id: string } }; products: { id: string }[] },
  count: number,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const batch = 20_000;
    for (let first = 1; first <= count; first += batch) {
      const last = Math.min(count, first + batch - 1);
      await client.query(
        `INSERT INTO orders (id, account_id, shop_id, external_id, store_order_ref, status, paid_at,
                             currency, total_minor, sandbox, created_at, updated_at)
         SELECT gen_random_uuid()::text, $1, $2, 'bench-' || i, 'B' || i,
                ($3::text[])[1 + i % 6], now(), 'EUR', 2000, true,
                timestamp '2026-01-01' + i * interval '5 minutes', now()
           FROM generate_series($4::int, $5::int) AS i`,
        [demo.account_id, demo.shops.woocommerce.id, STATUSES, first, last],
      );
    }
    await client.query(
      `INSERT INTO order_lines (id, order_id, external_line_id, position, product_id, name,
                                quantity, unit_price_minor)
       SELECT gen_random_uuid()::text, id, '1', 0, $1, 'Bench key', 1, 2000
         FROM orders WHERE external_id LIKE 'bench-%'`,
      [demo.products[0].id],
    );
    // A live database's autovacuum would have marked these pages all-visible long ago; a bulk
    // load has not been vacuumed yet, and index-only counts would still visit every row.
    await client.query("VACUUM ANALYZE orders");
    await client.query("VACUUM ANALYZE order_lines");
  } finally {
    await client.end();
  }
}

/** Lifts the demo account's API limit, so the bench measures serving, not refusing. */
export async function liftRateLimit(databaseUrl: string, accountId: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(
    `UPDATE accounts SET tier = 'enterprise', rate_limit_per_minute = 100000000 WHERE id = $1`,
    [accountId],
  );
  await client.end();
}
