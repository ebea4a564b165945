import { Hono } from "hono";
import { z } from "zod";
import {
  findOrder,
  listOrders,
  ORDER_STATUSES,
  parseIsoTimestamp,
  readOrderKeys,
  type Platform,
} from "@premiumcdkeys/core";
import { ApiError } from "../api-error.ts";
import { clientAddress, owner, requirePermission, type ApiEnv } from "../middleware/api-auth.ts";
import { orderDetail, orderSummary } from "../serialize-order.ts";
import { pathId } from "../path-id.ts";
import { pageQuery } from "../page-query.ts";
import { processOrderRoute } from "./process-order.ts";
import { validate } from "../validate.ts";

const dateOrDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/,
    "a date or an ISO-8601 date-time",
  )
  .refine(isRealDate, "not a real date");

const listQuery = z
  .object({
    status: z.enum(ORDER_STATUSES as [string, ...string[]]).optional(),
    from: dateOrDateTime.optional(),
    to: dateOrDateTime.optional(),
    store_order_id: z.string().min(1).max(255).optional(),
    shop_id: z.uuid("a shop id").optional(),
    ...pageQuery.shape,
  })
  .refine((query) => !query.from || !query.to || startOf(query.from) <= endOf(query.to), {
    message: "from is after to",
    path: ["from"],
  });

const detailQuery = z.object({ include: z.enum(["keys"]).optional() });

export const orderNotFound = () =>
  new ApiError(404, "ORDER_NOT_FOUND", "The requested order does not exist");

export function orderRoutes(platform: Platform) {
  const routes = new Hono<ApiEnv>();

  routes.get("/", async (c) => {
    requirePermission(c, "read");
    const query = validate(listQuery, c.req.query());
    const { total, orders } = await listOrders(platform.db.prisma, c.get("accountId"), {
      status: query.status,
      from: query.from ? startOf(query.from) : undefined,
      to: query.to ? endOf(query.to) : undefined,
      storeOrderId: query.store_order_id,
      shopId: query.shop_id,
      sandbox: c.get("sandbox"),
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
    requirePermission(c, "read");
    const query = validate(detailQuery, c.req.query());
    const { accountId, sandbox } = owner(c);
    const order = await findOrder(
      platform.db.prisma,
      accountId,
      pathId(c, "id", orderNotFound),
      sandbox,
    );
    if (!order) throw orderNotFound();
    if (query.include !== "keys") return c.json({ data: orderDetail(order) });

    requirePermission(c, "keys");
    const keys = await readOrderKeys(
      platform.db.prisma,
      platform.vault,
      { accountId, apiKeyId: c.get("apiKeyId"), ip: clientAddress(c) },
      order.id,
    );
    platform.log.info({ orderId: order.id, apiKeyId: c.get("apiKeyId") }, "key codes read");
    return c.json({ data: orderDetail(order, keys) });
  });

  routes.post("/:id/process", processOrderRoute(platform));

  return routes;
}

/** A bare date means the whole day in UTC: `from` at its first instant, `to` at its last. */
function startOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
}

function endOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T23:59:59.999Z` : value);
}

/** A day or moment that exists (see parseIsoTimestamp), in a year the database stores. */
function isRealDate(value: string): boolean {
  const moment = parseIsoTimestamp(value.length === 10 ? `${value}T00:00:00Z` : value);
  return !Number.isNaN(moment.getTime()) && Number(value.slice(0, 4)) >= 1970;
}
