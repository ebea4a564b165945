import type { PrismaClient } from "../db/types.ts";
import { enqueueWebhookDispatch } from "../events/record-event.ts";
import { RetryLater } from "../jobs/job-errors.ts";
import type { JobHandler } from "../jobs/worker.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { endpointSecrets, withSigningSecrets } from "./endpoint-secrets.ts";
import { sendWebhook, wasDelivered } from "./http-sender.ts";
import { signedHeaders } from "./signing.ts";

export type DispatchPolicy = {
  allowPrivateTargets: boolean;
  /** Delay after the 1st, 2nd, ... failure; the endpoint pauses at PAUSE_AFTER_FAILURES. */
  retryDelaysMs: number[];
  timeoutMs: number;
};

export const PAUSE_AFTER_FAILURES = 5;
const LEASE_SECONDS = 120;

/**
 * Sends an endpoint's pending deliveries one at a time, oldest event first, so a receiver sees
 * events in the order they happened. A failure stops the run and schedules a retry; the fifth
 * failure in a row pauses the endpoint, and its deliveries wait until it is resumed.
 */
export function dispatchEndpointHandler(
  prisma: PrismaClient,
  vault: KeyVault,
  policy: DispatchPolicy,
): JobHandler {
  return {
    async run(payload, { log }) {
      const endpointId = String(payload.endpointId);
      const endpoint = await leaseEndpoint(prisma, endpointId);
      if (endpoint === "inactive") return;
      if (endpoint === "busy")
        throw new RetryLater(100, "another worker is sending to this endpoint");

      try {
        const secrets = endpointSecrets(vault, endpoint);
        for (;;) {
          const delivery = await prisma.webhookDelivery.findFirst({
            where: { endpointId, status: "pending" },
            orderBy: [{ eventId: "asc" }, { createdAt: "asc" }],
          });
          if (!delivery) return;
          if (delivery.nextAttemptAt > new Date()) {
            await enqueueWebhookDispatch(prisma, endpointId, delivery.nextAttemptAt);
            return;
          }

          const attempt = await sendWebhook({
            url: endpoint.url,
            body: delivery.body,
            headers: signedHeaders({
              deliveryId: delivery.id,
              eventType: delivery.eventType,
              body: delivery.body,
              ...secrets,
            }),
            timeoutMs: policy.timeoutMs,
            allowPrivate: policy.allowPrivateTargets,
          });
          const ok = wasDelivered(attempt);
          await prisma.webhookAttempt.create({
            data: {
              deliveryId: delivery.id,
              statusCode: attempt.statusCode,
              durationMs: attempt.durationMs,
              error: attempt.error,
              responseExcerpt: attempt.responseExcerpt?.slice(0, 500),
            },
          });
          const logFields = { endpointId, deliveryId: delivery.id, status: attempt.statusCode };
          if (ok) {
            await recordSuccess(prisma, endpointId, delivery.id, attempt.statusCode);
            log.debug(logFields, "webhook delivered");
            continue;
          }

          log.warn({ ...logFields, reason: attempt.error }, "webhook delivery failed");
          await recordFailure(
            prisma,
            endpointId,
            delivery.id,
            delivery.attempts + 1,
            attempt.statusCode,
            policy,
          );
          return;
        }
      } finally {
        await prisma.webhookEndpoint.update({
          where: { id: endpointId },
          data: { dispatchLockedUntil: null },
        });
      }
    },
  };
}

async function leaseEndpoint(prisma: PrismaClient, endpointId: string) {
  const leased = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE webhook_endpoints SET dispatch_locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
     WHERE id = ${endpointId} AND active
       AND (dispatch_locked_until IS NULL OR dispatch_locked_until < now())
    RETURNING id`;
  if (leased.length > 0)
    return prisma.webhookEndpoint.findUniqueOrThrow({
      where: { id: endpointId },
      include: withSigningSecrets(),
    });

  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id: endpointId } });
  return endpoint?.active ? "busy" : "inactive";
}

async function recordSuccess(
  prisma: PrismaClient,
  endpointId: string,
  deliveryId: string,
  statusCode: number | undefined,
) {
  await prisma.$transaction([
    prisma.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        status: "succeeded",
        attempts: { increment: 1 },
        deliveredAt: new Date(),
        lastStatus: statusCode,
      },
    }),
    prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { consecutiveFailures: 0 } }),
  ]);
}

async function recordFailure(
  prisma: PrismaClient,
  endpointId: string,
  deliveryId: string,
  attempts: number,
  statusCode: number | undefined,
  policy: DispatchPolicy,
) {
  const endpoint = await prisma.webhookEndpoint.update({
    where: { id: endpointId },
    data: { consecutiveFailures: { increment: 1 } },
  });
  const pause = endpoint.consecutiveFailures >= PAUSE_AFTER_FAILURES;
  const delays = policy.retryDelaysMs;
  const nextAttemptAt = new Date(Date.now() + delays[Math.min(attempts - 1, delays.length - 1)]);

  await prisma.webhookDelivery.update({
    where: { id: deliveryId },
    data: { attempts, nextAttemptAt, lastStatus: statusCode ?? null },
  });
  if (pause) {
    await prisma.webhookEndpoint.update({
      where: { id: endpointId },
      data: { active: false, pausedAt: new Date() },
    });
    return;
  }
  await enqueueWebhookDispatch(prisma, endpointId, nextAttemptAt);
}
