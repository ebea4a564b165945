import { Hono } from "hono";
import { z } from "zod";
import { EVENT_TYPES, type Platform } from "@premiumcdkeys/core";
import { ApiError } from "../api-error.ts";
import { apiAuth, type ApiVariables } from "../middleware/api-auth.ts";
import { pathId } from "../path-id.ts";
import { jsonBody, validate } from "../validate.ts";

const createBody = z.object({
  url: z.string().min(1).max(2048),
  events: z.array(z.enum(EVENT_TYPES)).min(1),
});

const deliveriesQuery = z.object({
  status: z.enum(["pending", "succeeded", "failed"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  page: z.coerce.number().int().min(1).default(1),
  api_key: z.string().optional(),
});

type Endpoint = {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  pausedAt: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
};

function endpointJson(endpoint: Endpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    status: endpoint.active ? "active" : "paused",
    paused_at: endpoint.pausedAt?.toISOString() ?? null,
    consecutive_failures: endpoint.consecutiveFailures,
    created_at: endpoint.createdAt.toISOString(),
  };
}

const deliveryNotFound = () =>
  new ApiError(404, "DELIVERY_NOT_FOUND", "The requested delivery does not exist");
const notFound = () =>
  new ApiError(404, "WEBHOOK_NOT_FOUND", "The requested webhook endpoint does not exist");

/** Outgoing webhook endpoints of the caller's account. */
export function webhookEndpointRoutes(platform: Platform) {
  const routes = new Hono<{ Variables: ApiVariables }>();
  const endpoints = platform.webhookEndpoints;
  routes.use("*", apiAuth(platform));

  routes.post("/", async (c) => {
    const body = validate(createBody, await jsonBody(c.req.raw));
    const created = await endpoints.create(c.get("accountId"), body);
    if (!created.ok) throw new ApiError(400, created.code, created.message, created.details);
    return c.json({ data: { ...endpointJson(created.endpoint), secret: created.secret } }, 201);
  });

  routes.get("/", async (c) => {
    const rows = await endpoints.list(c.get("accountId"));
    return c.json({ data: rows.map(endpointJson), meta: { total: rows.length, page: 1 } });
  });

  routes.get("/:id/deliveries", async (c) => {
    const query = validate(deliveriesQuery, c.req.query());
    if (!(await endpoints.find(c.get("accountId"), pathId(c, "id", notFound)))) throw notFound();
    const { total, rows } = await endpoints.deliveries(
      c.get("accountId"),
      pathId(c, "id", notFound),
      query,
    );
    const data = rows.map((delivery) => ({
      id: delivery.id,
      event: delivery.eventType,
      event_id: delivery.eventId === null ? null : String(delivery.eventId),
      status: delivery.status,
      attempts: delivery.attempts,
      last_status: delivery.lastStatus,
      next_attempt_at: delivery.status === "pending" ? delivery.nextAttemptAt.toISOString() : null,
      delivered_at: delivery.deliveredAt?.toISOString() ?? null,
      created_at: delivery.createdAt.toISOString(),
      attempt_log: delivery.attemptLog.map((attempt) => ({
        at: attempt.createdAt.toISOString(),
        status_code: attempt.statusCode,
        duration_ms: attempt.durationMs,
        error: attempt.error,
      })),
    }));
    return c.json({ data, meta: { total, page: query.page, limit: query.limit } });
  });

  routes.post("/:id/resume", async (c) => {
    const endpoint = await endpoints.resume(c.get("accountId"), pathId(c, "id", notFound));
    if (!endpoint) throw notFound();
    platform.worker.nudge();
    return c.json({ data: endpointJson(endpoint) });
  });

  routes.post("/:id/test", async (c) => {
    const result = await endpoints.sendTest(c.get("accountId"), pathId(c, "id", notFound));
    if (!result) throw notFound();
    const { attempt } = result;
    return c.json({
      data: {
        delivery_id: result.delivery.id,
        delivered: result.delivered,
        status_code: attempt.statusCode ?? null,
        duration_ms: attempt.durationMs,
        error: attempt.error ?? null,
      },
    });
  });

  routes.post("/:id/deliveries/:deliveryId/replay", async (c) => {
    const copy = await endpoints.replay(
      c.get("accountId"),
      pathId(c, "id", notFound),
      pathId(c, "deliveryId", deliveryNotFound),
    );
    if (!copy)
      throw new ApiError(404, "DELIVERY_NOT_FOUND", "The requested delivery does not exist");
    platform.worker.nudge();
    return c.json(
      {
        data: {
          id: copy.id,
          status: copy.status,
          replay_of: pathId(c, "deliveryId", deliveryNotFound),
        },
      },
      202,
    );
  });

  return routes;
}
