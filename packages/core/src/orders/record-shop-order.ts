import { createHash } from "node:crypto";
import type { Db, PrismaClient } from "../db/types.ts";
import { ORDER_EVENT_INCLUDE, orderEventData } from "../events/order-event-data.ts";
import { recordEvent } from "../events/record-event.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import type { Logger } from "../logger.ts";
import type { ShopOrderSnapshot } from "../shops/shop-platform.ts";
import { mapOrderLines } from "./map-order-lines.ts";
import { BEFORE_PURCHASE, OrderStatus } from "./order-status.ts";

export const FULFIL_ORDER_JOB = "order.fulfil";

type Shop = { id: string; accountId: string };

/** Business limits a paid order must keep to before anything is bought. */
export type OrderLimits = { maxUnitsPerOrder: number };

/**
 * Applies one snapshot of a shop order: creates the order on first sight, records payment or
 * cancellation, and starts buying once it is paid and every line is mapped.
 *
 * With `inboundId`, the delivery is marked processed in the same transaction, so it is applied
 * exactly once. Safe against duplicates and disorder: the order is unique per shop, payment only ever moves
 * from unpaid to paid, and buying is started only from a state before purchase.
 */
export async function recordShopOrder(
  prisma: PrismaClient,
  shop: Shop,
  snapshot: ShopOrderSnapshot,
  log: Logger,
  inboundId?: string,
  limits: OrderLimits = { maxUnitsPerOrder: Number.MAX_SAFE_INTEGER },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (inboundId) {
      const first = await tx.inboundWebhook.updateMany({
        where: { id: inboundId, processedAt: null },
        data: { processedAt: new Date() },
      });
      if (first.count === 0) return;
    }

    // Serialises snapshots of one order on a PostgreSQL server (PGlite runs one at a time anyway).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${shop.id + ":" + snapshot.externalId}))`;

    const existing = await tx.order.findUnique({
      where: { shopId_externalId: { shopId: shop.id, externalId: snapshot.externalId } },
    });
    const order = existing ?? (await createOrder(tx, shop, snapshot));
    if (!existing) log.info({ orderId: order.id }, "order recorded");

    const stale =
      existing?.sourceUpdatedAt &&
      snapshot.updatedAt &&
      snapshot.updatedAt < existing.sourceUpdatedAt;
    const paidAt = order.paidAt ?? (snapshot.paid ? (snapshot.paidAt ?? new Date()) : null);
    const waitingToBuy = BEFORE_PURCHASE.includes(order.status);

    let status = order.status;
    if (waitingToBuy && snapshot.cancelled && !stale) status = OrderStatus.cancelled;
    else if (waitingToBuy && paidAt)
      status = (await allLinesMapped(tx, order.id)) ? OrderStatus.processing : OrderStatus.pending;
    else if (waitingToBuy) status = OrderStatus.pending;

    await tx.order.update({
      where: { id: order.id },
      data: {
        status,
        paidAt,
        sourceUpdatedAt: stale ? undefined : snapshot.updatedAt,
        failureCode: status === OrderStatus.pending && paidAt ? "WAITING_FOR_MAPPING" : undefined,
        failureMessage:
          status === OrderStatus.pending && paidAt
            ? "A line has no product mapping yet"
            : undefined,
      },
    });

    if (status === OrderStatus.processing && order.status !== OrderStatus.processing) {
      const units = await tx.orderLine.aggregate({
        where: { orderId: order.id },
        _sum: { quantity: true },
      });
      if ((units._sum.quantity ?? 0) > limits.maxUnitsPerOrder) {
        await refuseOversizedOrder(tx, order.id, units._sum.quantity ?? 0, limits);
        log.warn({ orderId: order.id }, "order above the unit limit: not bought");
        return;
      }
      await enqueueJob(
        tx,
        FULFIL_ORDER_JOB,
        { orderId: order.id },
        { uniqueKey: `fulfil:${order.id}` },
      );
      log.info({ orderId: order.id }, "order paid: buying keys");
    }
  });
}

async function createOrder(tx: Db, shop: Shop, snapshot: ShopOrderSnapshot) {
  const productIds = await mapOrderLines(tx, shop.id, snapshot.lines);
  const account = await tx.account.findUniqueOrThrow({
    where: { id: shop.accountId },
    select: { sandboxMode: true },
  });
  const order = await tx.order.create({
    data: {
      accountId: shop.accountId,
      sandbox: account.sandboxMode,
      shopId: shop.id,
      externalId: snapshot.externalId,
      storeOrderRef: snapshot.storeOrderRef,
      status: OrderStatus.received,
      customerEmail: snapshot.customerEmail,
      customerName: snapshot.customerName,
      customerExternalId: snapshot.customerExternalId,
      buyerTokenHash: snapshot.buyerToken && sha256Hex(snapshot.buyerToken),
      currency: snapshot.currency,
      totalMinor: snapshot.totalMinor,
      lines: {
        create: snapshot.lines.map((line, position) => ({
          externalLineId: line.externalLineId,
          position,
          productId: productIds[position],
          externalProductId: line.externalProductId,
          externalVariantId: line.externalVariantId,
          sku: line.sku,
          name: line.name,
          quantity: line.quantity,
          unitPriceMinor: line.unitPriceMinor,
        })),
      },
    },
    include: ORDER_EVENT_INCLUDE,
  });

  await recordEvent(
    tx,
    shop.accountId,
    "order.created",
    orderEventData(order),
    order.id,
    order.sandbox,
  );
  return order;
}

/** Fails an order with more units than the account allows; a person must look at it first. */
async function refuseOversizedOrder(tx: Db, orderId: string, units: number, limits: OrderLimits) {
  const message = `The order has ${units} units; the limit is ${limits.maxUnitsPerOrder}`;
  const details = { units, max_units_per_order: limits.maxUnitsPerOrder };
  const order = await tx.order.update({
    where: { id: orderId },
    data: {
      status: OrderStatus.failed,
      failureCode: "QUANTITY_ABOVE_LIMIT",
      failureMessage: message,
      failureDetails: details,
    },
    include: ORDER_EVENT_INCLUDE,
  });
  const error = { code: "QUANTITY_ABOVE_LIMIT", message, details };
  await recordEvent(
    tx,
    order.accountId,
    "order.failed",
    orderEventData(order, { error }),
    orderId,
    order.sandbox,
  );
}

async function allLinesMapped(tx: Db, orderId: string): Promise<boolean> {
  const unmapped = await tx.orderLine.count({ where: { orderId, productId: null } });
  return unmapped === 0;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
