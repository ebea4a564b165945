import type { WebContext } from "../../load-context";
import { actorOf, type MerchantScope } from "../../shells/merchant-scope";
import { notFound } from "../common/not-found";
import { moneyText } from "../common/money.server";

export type OrderData = Awaited<ReturnType<typeof loadOrder>>;

/** The order page: lines, purchases, deliveries and events with their webhook attempts. */
export async function loadOrder(context: WebContext, scope: MerchantScope, orderId: string) {
  const { core, platform } = context;
  const found = isUuid(orderId)
    ? await core.orderTimeline(platform.db.prisma, scope.accountId, orderId)
    : undefined;
  // Another account's order and an unknown id look the same: 404.
  if (!found) throw notFound("ORDER_NOT_FOUND", "No such order");
  const { order, events } = found;
  const money = (minor: number | null, currency: string | null) =>
    minor === null || !currency ? "—" : moneyText(core, minor, currency);
  const lineNames = new Map(order.lines.map((line) => [line.id, line.name]));

  return {
    base: scope.base ?? "/dashboard",
    csrfToken: scope.csrfToken ?? "",
    order: {
      id: order.id,
      storeOrderRef: order.storeOrderRef,
      status: order.status,
      shop: `${order.shop.domain} (${order.shop.platform})`,
      customerEmail: order.customerEmail,
      total: money(order.totalMinor, order.currency),
      sandbox: order.sandbox,
      failure: order.failureMessage,
      createdAt: order.createdAt.toISOString(),
      canProcess: ["pending", "failed"].includes(order.status),
    },
    lines: order.lines.map((line) => ({
      id: line.id,
      name: line.name,
      sku: line.sku,
      quantity: line.quantity,
      mapped: Boolean(line.productId),
    })),
    purchases: order.purchases.map((purchase) => ({
      id: purchase.id,
      line: lineNames.get(purchase.orderLineId) ?? "",
      unit: purchase.unitIndex + 1,
      status: purchase.status,
      supplier: purchase.supplier ?? "—",
      cost: money(purchase.costMinor, purchase.currency),
      hasKey: Boolean(purchase.key),
      lastError: purchase.lastError,
    })),
    deliveries: order.deliveries.map((delivery) => ({
      id: delivery.id,
      channel: delivery.channel,
      status: delivery.status,
      attempts: delivery.attempts,
      sentAt: delivery.sentAt?.toISOString() ?? null,
      lastError: delivery.lastError,
    })),
    events: events.map((event) => ({
      id: String(event.id),
      type: event.type,
      createdAt: event.createdAt.toISOString(),
      attempts: event.deliveries.flatMap((delivery) =>
        delivery.attemptLog.map((attempt) => ({
          id: attempt.id,
          url: delivery.endpoint.url,
          statusCode: attempt.statusCode,
          durationMs: attempt.durationMs,
          error: attempt.error,
          at: attempt.createdAt.toISOString(),
        })),
      ),
    })),
  };
}

export type OrderActionData =
  | { intent: "process"; ok: boolean; message: string }
  | { intent: "reveal"; keys: { purchaseId: string; code: string }[] };

/** "Process again" and "Reveal keys", each written to the audit log with who did it. */
export async function orderAction(
  context: WebContext,
  scope: MerchantScope,
  orderId: string,
  form: FormData,
): Promise<OrderActionData> {
  const { core, platform } = context;
  const prisma = platform.db.prisma;
  const order = isUuid(orderId)
    ? await core.orderTimeline(prisma, scope.accountId, orderId)
    : undefined;
  if (!order) throw notFound("ORDER_NOT_FOUND", "No such order");

  if (form.get("intent") === "process") {
    const outcome = await core.processOrder(
      prisma,
      { accountId: scope.accountId, sandbox: order.order.sandbox, orderId },
      { maxUnitsPerOrder: platform.config.maxUnitsPerOrder },
    );
    await core.recordAudit(prisma, actorOf(scope), {
      action: "order.process_requested",
      targetType: "order",
      targetId: orderId,
      details: { accepted: outcome.ok },
    });
    if (outcome.ok) platform.worker.nudge();
    return outcome.ok
      ? { intent: "process", ok: true, message: "The order is being processed again." }
      : {
          intent: "process",
          ok: false,
          message: "message" in outcome ? outcome.message : "Not found",
        };
  }
  if (form.get("intent") === "reveal") {
    const keys = await core.revealOrderKeys(prisma, platform.vault, actorOf(scope), orderId);
    return { intent: "reveal", keys: keys ?? [] };
  }
  throw Response.json(
    {
      error: {
        code: "VALIDATION_ERROR",
        message: "The form asked for no known action (process again or reveal keys)",
        details: { field: "intent" },
      },
    },
    { status: 400 },
  );
}

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
