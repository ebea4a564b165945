import type { Db, PrismaClient } from "../db/types.ts";
import {
  ORDER_EVENT_INCLUDE,
  orderEventData,
  type OrderForEvent,
} from "../events/order-event-data.ts";
import type { EventType } from "../events/event-types.ts";
import { recordEvent } from "../events/record-event.ts";

type Step = {
  from: string;
  to: string;
  event: EventType;
  /** More work committed with the move, such as the next job. */
  alongside?: (tx: Db, order: OrderForEvent & { accountId: string }) => Promise<void>;
};

/**
 * Moves an order one step along its life cycle and announces it, once: a second call finds it
 * no longer in `from` and does nothing. The event's data is loaded before the transaction,
 * which then holds the database only briefly.
 */
export async function advanceOrder(
  prisma: PrismaClient,
  orderId: string,
  step: Step,
): Promise<void> {
  const loaded = await prisma.order.findUniqueOrThrow({
    relationLoadStrategy: "join",
    where: { id: orderId },
    include: ORDER_EVENT_INCLUDE,
  });
  const order = { ...loaded, status: step.to };

  await prisma.$transaction(async (tx) => {
    const moved = await tx.order.updateMany({
      where: { id: orderId, status: step.from },
      data: { status: step.to, failureCode: null, failureMessage: null },
    });
    if (moved.count === 0) return;

    await recordEvent(
      tx,
      order.accountId,
      step.event,
      orderEventData(order),
      orderId,
      order.sandbox,
    );
    await step.alongside?.(tx, order);
  });
}
