// The SQL of one `GET /api/v1/orders?status&from&to&limit&page` page, as the bare baseline sends
// it: the count and the page with each order's lines and product names, like the platform's
// Prisma queries (relation joins) return them.
export const COUNT_SQL = `
  SELECT count(*)::int AS total FROM orders
   WHERE account_id = $1 AND sandbox = $2 AND status = $3
     AND created_at >= $4 AND created_at <= $5`;

export const PAGE_SQL = `
  SELECT o.id, o.status, o.created_at, o.store_order_ref, o.shop_id, o.total_minor, o.currency,
         COALESCE((
           SELECT json_agg(json_build_object('name', l.name, 'product', p.name)
                           ORDER BY l.position)
             FROM order_lines l LEFT JOIN products p ON p.id = l.product_id
            WHERE l.order_id = o.id), '[]') AS lines
    FROM orders o
   WHERE o.account_id = $1 AND o.sandbox = $2 AND o.status = $3
     AND o.created_at >= $4 AND o.created_at <= $5
   ORDER BY o.created_at DESC, o.id DESC
   LIMIT $6 OFFSET $7`;
