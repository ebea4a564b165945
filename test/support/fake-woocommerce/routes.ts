import type { FakeWooCommerce } from "./fake-woocommerce.ts";
import { orderJson, webhookJson, WEBHOOK_TOPICS, type FakeWebhook } from "./shop-state.ts";

export type RouteAnswer = {
  status: number;
  body: unknown;
  html?: boolean;
  headers?: Record<string, string>;
};

const ORDER_STATUSES = new Set([
  "pending",
  "processing",
  "on-hold",
  "completed",
  "cancelled",
  "refunded",
  "failed",
  "trash",
]);

function fail(status: number, code: string, message: string): RouteAnswer {
  return { status, body: { code, message, data: { status } } };
}

/** The REST API v3 routes under /wc/v3/ that the connector calls, as WooCommerce answers them. */
export function handleRoute(
  shop: FakeWooCommerce,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
): RouteAnswer {
  const [resource, rawId, sub] = path.split("/");
  const id = rawId === undefined ? undefined : Number(rawId);
  if (id !== undefined && !Number.isInteger(id)) return fail(404, "rest_no_route", "No route.");

  if (resource === "webhooks") return webhooks(shop, method, id, query, body);
  if (resource === "orders" && sub === "notes") return notes(shop, method, id!, query, body);
  if (resource === "orders" && sub === undefined) return orders(shop, method, id, query, body);
  return fail(404, "rest_no_route", "No route was found matching the URL and request method.");
}

function webhooks(
  shop: FakeWooCommerce,
  method: string,
  id: number | undefined,
  query: URLSearchParams,
  body: Record<string, unknown>,
): RouteAnswer {
  if (id === undefined && method === "GET") {
    const status = query.get("status") ?? "all";
    const all = [...shop.webhooks.values()].filter(
      (hook) => status === "all" || hook.status === status,
    );
    return page(all.map(webhookJson), query);
  }
  if (id === undefined && method === "POST") {
    const invalid = invalidWebhook(body, true);
    if (invalid) return invalid;
    const hook: FakeWebhook = {
      id: shop.newId(),
      name: typeof body.name === "string" ? body.name : "Webhook",
      // The v1 controller sets new webhooks active whatever status was asked.
      status: "active",
      topic: String(body.topic),
      delivery_url: String(body.delivery_url),
      secret: typeof body.secret === "string" ? body.secret : "generated-with-specials&<;",
      failureCount: 0,
      pendingDelivery: true,
      createdAt: new Date(),
    };
    shop.webhooks.set(hook.id, hook);
    shop.ping(hook);
    return { status: 201, body: webhookJson(hook) };
  }

  const hook = id === undefined ? undefined : shop.webhooks.get(id);
  if (!hook) return fail(404, "woocommerce_rest_webhook_invalid_id", "Invalid ID.");
  if (method === "GET") return { status: 200, body: webhookJson(hook) };
  if (method === "PUT" || method === "POST") {
    const invalid = invalidWebhook(body, false);
    if (invalid) return invalid;
    const moved = typeof body.delivery_url === "string" && body.delivery_url !== hook.delivery_url;
    if (typeof body.name === "string") hook.name = body.name;
    if (typeof body.topic === "string") hook.topic = body.topic;
    if (typeof body.delivery_url === "string") hook.delivery_url = body.delivery_url;
    if (typeof body.secret === "string") hook.secret = body.secret;
    if (body.status === "active" || body.status === "paused" || body.status === "disabled") {
      hook.status = body.status;
    }
    if (moved && hook.status === "active") shop.ping(hook);
    return { status: 200, body: webhookJson(hook) };
  }
  if (method === "DELETE") {
    if (query.get("force") !== "true") {
      return fail(501, "woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.");
    }
    shop.webhooks.delete(hook.id);
    return { status: 200, body: webhookJson(hook) };
  }
  return fail(404, "rest_no_route", "No route was found matching the URL and request method.");
}

function invalidWebhook(body: Record<string, unknown>, creating: boolean): RouteAnswer | undefined {
  if ((creating || body.topic !== undefined) && !WEBHOOK_TOPICS.has(String(body.topic))) {
    return fail(400, "rest_invalid_param", "Invalid parameter(s): topic");
  }
  const url = body.delivery_url;
  if ((creating || url !== undefined) && !(typeof url === "string" && /^https?:\/\//.test(url))) {
    return fail(400, "rest_invalid_param", "Invalid parameter(s): delivery_url");
  }
  return undefined;
}

function orders(
  shop: FakeWooCommerce,
  method: string,
  id: number | undefined,
  query: URLSearchParams,
  body: Record<string, unknown>,
): RouteAnswer {
  if (id === undefined && method === "GET") {
    const after = dateParam(query.get("after"));
    const modifiedAfter = dateParam(query.get("modified_after"));
    const status = query.get("status") ?? "any";
    let list = [...shop.orders.values()].filter(
      (order) =>
        (!after || order.createdAt > after) &&
        (!modifiedAfter || order.modifiedAt > modifiedAfter) &&
        (status === "any" || order.status === status),
    );
    const field = query.get("orderby") === "id" ? "id" : "createdAt";
    list = list.sort((a, b) => Number(a[field]) - Number(b[field]));
    if (query.get("order") !== "asc") list.reverse();
    return page(list.map(orderJson), query);
  }

  const order = id === undefined ? undefined : shop.orders.get(id);
  if (!order) return fail(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
  if (method === "GET") return { status: 200, body: orderJson(order) };
  if (method === "PUT" || method === "POST") {
    if (body.status !== undefined) {
      if (typeof body.status !== "string" || !ORDER_STATUSES.has(body.status)) {
        return fail(400, "rest_invalid_param", "Invalid parameter(s): status");
      }
      shop.setStatus(order.id, body.status);
    }
    return { status: 200, body: orderJson(order) };
  }
  return fail(404, "rest_no_route", "No route was found matching the URL and request method.");
}

function notes(
  shop: FakeWooCommerce,
  method: string,
  orderId: number,
  query: URLSearchParams,
  body: Record<string, unknown>,
): RouteAnswer {
  if (!shop.orders.has(orderId)) {
    return fail(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.");
  }
  if (method === "GET") {
    const type = query.get("type") ?? "any";
    const list = shop
      .orderNotes(orderId)
      .filter(
        (note) =>
          type === "any" || (type === "customer" ? note.customer_note : !note.customer_note),
      );
    return { status: 200, body: list };
  }
  if (method === "POST") {
    if (typeof body.note !== "string" || body.note === "") {
      return fail(400, "rest_missing_callback_param", "Missing parameter(s): note");
    }
    return { status: 201, body: shop.addNote(orderId, body.note, body.customer_note === true) };
  }
  return fail(404, "rest_no_route", "No route was found matching the URL and request method.");
}

/** `per_page` (1 to 100, default 10) and `page`, with WordPress's total headers. */
function page(items: unknown[], query: URLSearchParams): RouteAnswer {
  const perPage = Number(query.get("per_page") ?? 10);
  const pageNumber = Number(query.get("page") ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    return fail(400, "rest_invalid_param", "Invalid parameter(s): per_page");
  }
  const start = (pageNumber - 1) * perPage;
  return {
    status: 200,
    body: items.slice(start, start + perPage),
    headers: {
      "x-wp-total": String(items.length),
      "x-wp-totalpages": String(Math.max(1, Math.ceil(items.length / perPage))),
    },
  };
}

/** Dates without a zone are GMT here (the connector always sends dates_are_gmt=true). */
function dateParam(value: string | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
