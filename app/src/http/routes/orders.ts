import { Hono } from "hono";
import { z } from "zod";
import { findOrder, listOrders, ORDER_STATUSES, type Platform } from "@premiumcdkeys/core";
import { ApiError } from "../api-error.ts";
import { apiAuth, type ApiVariables } from "../middleware/api-auth.ts";
import { orderDetail, orderSummary } from "../serialize-order.ts";
import { pathId } from "../path-id.ts";
import { validate } from "../validate.ts";

const dateOrDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/,
    "a date or an ISO-8601 date-time",
  )
  .refine(isRealDate, "not a real date");

const listQuery = z.object({
  status: z.enum(ORDER_STATUSES as [string, ...string[]]).optional(),
  from: dateOrDateTime.optional(),
  to: dateOrDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  page: z.coerce.number().int().min(1).default(1),
  api_key: z.string().optional(),
});

export function orderRoutes(platform: Platform) {
  const routes = new Hono<{ Variables: ApiVariables }>();
  routes.use("*", apiAuth(platform));

  routes.get("/", async (c) => {
    const query = validate(listQuery, c.req.query());
    const { total, orders } = await listOrders(platform.db.prisma, c.get("accountId"), {
      status: query.status,
      from: query.from ? startOf(query.from) : undefined,
      to: query.to ? endOf(query.to) : undefined,
      limit: query.limit,
      page: query.page,
    });
    const pages = Math.ceil(total / query.limit);
    return c.json({
      data: orders.map(orderSummary),
      meta: { total, page: query.page, limit: query.limit, pages },
    });
  });

  routes.get("/:id", async (c) => {
    const notFound = () =>
      new ApiError(404, "ORDER_NOT_FOUND", "The requested order does not exist");
    const order = await findOrder(
      platform.db.prisma,
      c.get("accountId"),
      pathId(c, "id", notFound),
    );
    if (!order) throw notFound();
    return c.json({ data: orderDetail(order) });
  });

  return routes;
}

/** A bare date means the whole day in UTC: `from` at its first instant, `to` at its last. */
function startOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
}

function endOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T23:59:59.999Z` : value);
}

/** Date.parse rolls 2026-02-30 over to March; a real date keeps its year, month and day. */
function isRealDate(value: string): boolean {
  const day = value.slice(0, 10);
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(Date.parse(value)) && parsed.toISOString().slice(0, 10) === day;
}
