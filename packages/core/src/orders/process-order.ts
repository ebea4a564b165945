import type { PrismaClient } from "../db/types.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import type { ShopOrderLine } from "../shops/shop-platform.ts";
import { mapOrderLines } from "./map-order-lines.ts";
import { OrderStatus } from "./order-status.ts";
import { FULFIL_ORDER_JOB } from "./record-shop-order.ts";

export type ProcessOutcome =
  | { ok: true }
  | { ok: false; code: "ORDER_NOT_FOUND" }
  | { ok: false; code: "ORDER_NOT_PROCESSABLE"; message: string; details: Record<string, unknown> };

const RERUNNABLE: string[] = [OrderStatus.pending, OrderStatus.failed];

/**
 * `POST /orders/{id}/process`: runs a pending or failed order again. Lines still without a
 * product are mapped anew; a paid, fully mapped order within the unit limit moves to
 * `processing` and its fulfilment job is queued. Nothing is bought twice: the job reuses the
 * order's purchase rows, skips confirmed units and asks the supplier for an earlier order under
 * the same reference before buying a unit that was attempted before.
 */
export async function processOrder(
  prisma: PrismaClient,
  scope: { accountId: string; sandbox: boolean; orderId: string },
  limits: { maxUnitsPerOrder: number },
): Promise<ProcessOutcome> {
  const order = await prisma.order.findFirst({
    where: { id: scope.orderId, accountId: scope.accountId, sandbox: scope.sandbox },
    include: { lines: { orderBy: { position: "asc" } } },
  });
  if (!order) return { ok: false, code: "ORDER_NOT_FOUND" };

  if (!RERUNNABLE.includes(order.status)) {
    return refuse(`Only pending or failed orders can be processed; this one is ${order.status}`, {
      status: order.status,
    });
  }
  if (!order.paidAt) return refuse("The order is not paid yet", { status: order.status });

  const unmapped = order.lines.filter((line) => !line.productId);
  const productIds = await mapOrderLines(prisma, order.shopId, unmapped.map(asShopLine));
  const stillUnmapped = unmapped.filter((_, index) => !productIds[index]);
  if (stillUnmapped.length > 0) {
    return refuse("A line has no product mapping yet", {
      line_ids: stillUnmapped.map((line) => line.id),
    });
  }
  const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  if (units > limits.maxUnitsPerOrder) {
    return refuse(`The order has ${units} units; the limit is ${limits.maxUnitsPerOrder}`, {
      units,
      max_units_per_order: limits.maxUnitsPerOrder,
    });
  }

  const moved = await prisma.$transaction(async (tx) => {
    for (const [index, line] of unmapped.entries()) {
      await tx.orderLine.update({ where: { id: line.id }, data: { productId: productIds[index] } });
    }
    const updated = await tx.order.updateMany({
      where: { id: order.id, status: { in: RERUNNABLE } },
      data: {
        status: OrderStatus.processing,
        failureCode: null,
        failureMessage: null,
      },
    });
    if (updated.count === 0) return false;
    await enqueueJob(
      tx,
      FULFIL_ORDER_JOB,
      { orderId: order.id },
      { uniqueKey: `fulfil:${order.id}` },
    );
    return true;
  });
  if (!moved) return refuse("The order is already being processed", {});
  return { ok: true };
}

function refuse(message: string, details: Record<string, unknown>): ProcessOutcome {
  return { ok: false, code: "ORDER_NOT_PROCESSABLE", message, details };
}

function asShopLine(line: {
  externalLineId: string;
  externalProductId: string | null;
  externalVariantId: string | null;
  sku: string | null;
  name: string;
  quantity: number;
  unitPriceMinor: number;
}): ShopOrderLine {
  return {
    ...line,
    externalProductId: line.externalProductId ?? undefined,
    externalVariantId: line.externalVariantId ?? undefined,
    sku: line.sku ?? undefined,
  };
}
