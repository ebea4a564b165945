import type { Context } from "hono";
import {
  findOrder,
  processOrder,
  requestFingerprint,
  runIdempotent,
  type Platform,
} from "@premiumcdkeys/core";
import { ApiError } from "../api-error.ts";
import { owner, requirePermission, type ApiEnv } from "../middleware/api-auth.ts";
import { pathId } from "../path-id.ts";
import { orderDetail } from "../serialize-order.ts";
import { refuseAnyFields } from "../validate.ts";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

const notFound = () => new ApiError(404, "ORDER_NOT_FOUND", "The requested order does not exist");

/**
 * `POST /orders/{id}/process`, answered 202 with the order. With an `Idempotency-Key` header
 * the first answer is stored: the same key and request get it again, the same key with another
 * order or body is refused with 422, and a key whose first request is still running with 409.
 * The body may be empty or `{}`; anything else is a 400 before the key is claimed.
 */
export function processOrderRoute(platform: Platform) {
  return async (c: Context<ApiEnv>) => {
    requirePermission(c, "process");
    const orderId = pathId(c, "id", notFound);
    await refuseAnyFields(c.req.raw);

    const key = c.req.header("idempotency-key");
    const answer = () => processAndAnswer(platform, c, orderId);
    if (key === undefined) return send(c, await answer());

    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(400, "VALIDATION_ERROR", "Invalid Idempotency-Key", {
        fields: [{ field: "Idempotency-Key", message: "1 to 255 visible ASCII characters" }],
      });
    }
    const result = await runIdempotent(
      platform.db.prisma,
      {
        accountId: c.get("accountId"),
        key: `${c.get("sandbox") ? "test" : "live"}:${key}`,
        // Every body accepted above means the same request (none, or `{}` however spaced).
        fingerprint: requestFingerprint("POST", c.req.path, ""),
      },
      answer,
    );
    if (result.outcome === "reused") {
      throw new ApiError(
        422,
        "IDEMPOTENCY_KEY_REUSED",
        "This Idempotency-Key was used for another request",
      );
    }
    if (result.outcome === "in_progress") {
      throw new ApiError(
        409,
        "IDEMPOTENCY_KEY_IN_USE",
        "A request with this Idempotency-Key is still being answered",
      );
    }
    if (result.replayed) c.header("Idempotent-Replayed", "true");
    return send(c, result.answer);
  };
}

async function processAndAnswer(platform: Platform, c: Context<ApiEnv>, orderId: string) {
  const { accountId, sandbox } = owner(c);
  const outcome = await processOrder(
    platform.db.prisma,
    { accountId, sandbox, orderId },
    { maxUnitsPerOrder: platform.config.maxUnitsPerOrder },
  );
  if (!outcome.ok && outcome.code === "ORDER_NOT_FOUND") {
    return errorAnswer(404, outcome.code, "The requested order does not exist", {});
  }
  if (!outcome.ok) return errorAnswer(409, outcome.code, outcome.message, outcome.details);

  platform.worker.nudge();
  platform.log.info({ orderId, apiKeyId: c.get("apiKeyId") }, "order processing requested");
  const order = await findOrder(platform.db.prisma, accountId, orderId, sandbox);
  return { status: 202, body: JSON.stringify({ data: orderDetail(order!) }) };
}

function errorAnswer(status: number, code: string, message: string, details: object) {
  return { status, body: JSON.stringify({ error: { code, message, details } }) };
}

function send(c: Context, answer: { status: number; body: string }) {
  c.header("Content-Type", "application/json");
  return c.body(answer.body, answer.status as 202);
}
