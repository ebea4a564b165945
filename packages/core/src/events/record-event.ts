import type { Db, Prisma } from "../db/types.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import type { EventType } from "./event-types.ts";

export const DISPATCH_WEBHOOKS_JOB = "webhooks.dispatch";

/**
 * Records an event and, in the same transaction, one pending delivery for every endpoint of the
 * account that listens to it. Paused endpoints get their delivery too: it waits for resume.
 * The body is serialised once here, so every attempt and replay signs the very same bytes.
 */
export async function recordEvent(
  db: Db,
  accountId: string,
  type: EventType,
  data: Record<string, unknown>,
  orderId?: string,
  /** A sandbox order's events go to sandbox endpoints only, a live order's to live ones. */
  sandbox?: boolean,
): Promise<void> {
  const timestamp = new Date();
  const body = { event: type, timestamp: timestamp.toISOString().replace(/\.\d{3}Z$/, "Z"), data };
  const event = await db.event.create({
    data: { accountId, type, orderId, body: body as Prisma.InputJsonObject, createdAt: timestamp },
  });

  const endpoints = await db.webhookEndpoint.findMany({
    where: { accountId, events: { has: type }, sandbox },
    select: { id: true, active: true },
  });
  if (endpoints.length === 0) return;

  const text = JSON.stringify(body);
  await db.webhookDelivery.createMany({
    data: endpoints.map((endpoint) => ({
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: type,
      body: text,
    })),
  });
  for (const endpoint of endpoints.filter((candidate) => candidate.active)) {
    await enqueueWebhookDispatch(db, endpoint.id);
  }
}

export function enqueueWebhookDispatch(db: Db, endpointId: string, runAt?: Date): Promise<void> {
  return enqueueJob(
    db,
    DISPATCH_WEBHOOKS_JOB,
    { endpointId },
    {
      uniqueKey: `webhooks:${endpointId}`,
      runAt,
      maxAttempts: 1000,
    },
  );
}
