import { Hono } from "hono";
import { z } from "zod";
import { EVENT_TYPES, type Platform } from "@premiumcdkeys/core";
import { ApiError } from "../api-error.ts";
import { owner, requirePermission, type ApiEnv } from "../middleware/api-auth.ts";
import { pageMeta, pageQuery } from "../page-query.ts";
import { pathId } from "../path-id.ts";
import { jsonBody, optionalJsonBody, refuseAnyFields, validate } from "../validate.ts";
import { deliveryJson, endpointJson } from "./webhook-json.ts";

const url = z.string().min(1).max(2048);
const events = z
  .array(z.enum(EVENT_TYPES))
  .min(1)
  .max(EVENT_TYPES.length * 2);

const createBody = z.strictObject({
  url,
  events,
  description: z.string().max(500).optional(),
});

const updateBody = z
  .strictObject({ url: url.optional(), events: events.optional(), active: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, "give url, events or active");

const deliveriesQuery = z.object({
  status: z.enum(["pending", "succeeded", "failed"]).optional(),
  event: z.enum([...EVENT_TYPES, "webhook.test"]).optional(),
  ...pageQuery.shape,
});

const notFound = () =>
  new ApiError(404, "WEBHOOK_NOT_FOUND", "The requested webhook endpoint does not exist");
const deliveryNotFound = () =>
  new ApiError(404, "DELIVERY_NOT_FOUND", "The requested delivery does not exist");

/** Outgoing webhook endpoints of the caller's account, in the key's mode. */
const rotateBody = z.strictObject({ expire_previous: z.boolean().optional() });

export function webhookEndpointRoutes(platform: Platform) {
  const routes = new Hono<ApiEnv>();
  const endpoints = platform.webhookEndpoints;

  routes.post("/", async (c) => {
    requirePermission(c, "process");
    const body = validate(createBody, await jsonBody(c.req.raw));
    const created = await endpoints.create(owner(c), body);
    if (!created.ok) throw invalid(created);
    return c.json({ data: { ...endpointJson(created.endpoint), secret: created.secret } }, 201);
  });

  routes.get("/", async (c) => {
    requirePermission(c, "read");
    const query = validate(pageQuery, c.req.query());
    const { total, rows } = await endpoints.list(owner(c), query);
    return c.json({ data: rows.map(endpointJson), meta: pageMeta(total, query) });
  });

  routes.get("/:id", async (c) => {
    requirePermission(c, "read");
    const endpoint = await endpoints.find(owner(c), pathId(c, "id", notFound));
    if (!endpoint) throw notFound();
    return c.json({ data: endpointJson(endpoint) });
  });

  routes.patch("/:id", async (c) => {
    requirePermission(c, "process");
    const id = pathId(c, "id", notFound);
    const body = validate(updateBody, await jsonBody(c.req.raw));
    const updated = await endpoints.update(owner(c), id, body);
    if (!updated) throw notFound();
    if (!updated.ok) throw invalid(updated);
    if (body.active) platform.worker.nudge();
    return c.json({ data: endpointJson(updated.endpoint) });
  });

  routes.delete("/:id", async (c) => {
    requirePermission(c, "process");
    if (!(await endpoints.remove(owner(c), pathId(c, "id", notFound)))) throw notFound();
    return c.body(null, 204);
  });

  routes.post("/:id/rotate-secret", async (c) => {
    requirePermission(c, "process");
    const body = await optionalJsonBody(c.req.raw, rotateBody);
    const rotated = await endpoints.rotateSecret(owner(c), pathId(c, "id", notFound), {
      expirePrevious: body.expire_previous,
    });
    if (!rotated) throw notFound();
    if (!rotated.ok) throw new ApiError(409, rotated.code, rotated.message, rotated.details);
    platform.log.info({ endpointId: rotated.endpoint.id }, "webhook secret rotated");
    return c.json({ data: { ...endpointJson(rotated.endpoint), secret: rotated.secret } });
  });

  routes.get("/:id/deliveries", async (c) => {
    requirePermission(c, "read");
    const id = pathId(c, "id", notFound);
    const query = validate(deliveriesQuery, c.req.query());
    if (!(await endpoints.find(owner(c), id))) throw notFound();
    const { total, rows } = await endpoints.deliveries(owner(c), id, query);
    return c.json({ data: rows.map(deliveryJson), meta: pageMeta(total, query) });
  });

  routes.post("/:id/resume", async (c) => {
    requirePermission(c, "process");
    await refuseAnyFields(c.req.raw);
    const endpoint = await endpoints.resume(owner(c), pathId(c, "id", notFound));
    if (!endpoint) throw notFound();
    platform.worker.nudge();
    return c.json({ data: endpointJson(endpoint) });
  });

  routes.post("/:id/test", async (c) => {
    requirePermission(c, "process");
    await refuseAnyFields(c.req.raw);
    const result = await endpoints.sendTest(owner(c), pathId(c, "id", notFound));
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
    requirePermission(c, "process");
    await refuseAnyFields(c.req.raw);
    const endpointId = pathId(c, "id", notFound);
    const deliveryId = pathId(c, "deliveryId", deliveryNotFound);
    if (!(await endpoints.find(owner(c), endpointId))) throw notFound();
    const copy = await endpoints.replay(owner(c), endpointId, deliveryId);
    if (!copy) throw deliveryNotFound();
    platform.worker.nudge();
    return c.json({ data: { id: copy.id, status: copy.status, replay_of: deliveryId } }, 202);
  });

  return routes;
}

function invalid(error: { code: string; message: string; details?: Record<string, unknown> }) {
  const field = typeof error.details?.field === "string" ? error.details.field : "body";
  return new ApiError(400, error.code, error.message, {
    fields: [{ field, message: error.message }],
  });
}
