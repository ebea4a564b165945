import type { Prisma, PrismaClient } from "../db/types.ts";
import { ORDER_EVENT_INCLUDE, orderEventData } from "../events/order-event-data.ts";
import { recordEvent } from "../events/record-event.ts";
import { OrderStatus } from "./order-status.ts";

const OPEN_STATES = [
  OrderStatus.received,
  OrderStatus.pending,
  OrderStatus.processing,
  OrderStatus.fulfilled,
];

/** Marks an open order failed with its reason and announces `order.failed` with the details. */
export async function failOrder(
  prisma: PrismaClient,
  orderId: string,
  code: string,
  message: string,
  details: Record<string, unknown>,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const moved = await tx.order.updateMany({
      where: { id: orderId, status: { in: OPEN_STATES } },
      data: {
        status: OrderStatus.failed,
        failureCode: code,
        failureMessage: message,
        failureDetails: details as Prisma.InputJsonObject,
      },
    });
    if (moved.count === 0) return;

    const order = await tx.order.findUniqueOrThrow({
      relationLoadStrategy: "join",
      where: { id: orderId },
      include: ORDER_EVENT_INCLUDE,
    });
    const error = { code, message, details };
    await recordEvent(
      tx,
      order.accountId,
      "order.failed",
      orderEventData(order, { error }),
      orderId,
      order.sandbox,
    );
  });
}
