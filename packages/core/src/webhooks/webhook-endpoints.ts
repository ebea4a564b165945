import type { PrismaClient } from "../db/types.ts";
import { enqueueWebhookDispatch } from "../events/record-event.ts";
import { EVENT_TYPES, type EventType } from "../events/event-types.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { sendWebhook, wasDelivered, type WebhookAttempt } from "./http-sender.ts";
import { generateEndpointSecret, signedHeaders } from "./signing.ts";
import { checkTargetUrl } from "./target-policy.ts";

export type EndpointInput = { url: string; events: EventType[] };

export type UseCaseError = {
  ok: false;
  code: string;
  message: string;
  details?: Record<string, unknown>;
};

/** Webhook endpoint management for one account; every query is scoped to that account. */
export class WebhookEndpoints {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly vault: KeyVault,
    private readonly policy: { allowPrivateTargets: boolean; timeoutMs: number },
  ) {}

  /** Creates an endpoint; the secret is returned here and never again in full. */
  async create(accountId: string, input: EndpointInput) {
    const target = checkTargetUrl(input.url, { allowPrivate: this.policy.allowPrivateTargets });
    if (!target.ok) return invalid("url", target.reason);
    const unknown = input.events.filter((event) => !EVENT_TYPES.includes(event));
    if (unknown.length) return invalid("events", `Unknown events: ${unknown.join(", ")}`);

    const secret = generateEndpointSecret();
    const id = crypto.randomUUID();
    const endpoint = await this.prisma.webhookEndpoint.create({
      data: {
        id,
        accountId,
        url: target.url.href,
        events: [...new Set(input.events)],
        secretSeal: this.vault.seal(secret, `endpoint:${id}`),
      },
    });
    return { ok: true as const, endpoint, secret };
  }

  list(accountId: string) {
    return this.prisma.webhookEndpoint.findMany({
      where: { accountId },
      orderBy: { createdAt: "asc" },
    });
  }

  find(accountId: string, id: string) {
    return this.prisma.webhookEndpoint.findFirst({ where: { id, accountId } });
  }

  async deliveries(
    accountId: string,
    endpointId: string,
    filter: { status?: string; limit: number; page: number },
  ) {
    const where = {
      endpointId,
      endpoint: { accountId },
      ...(filter.status ? { status: filter.status } : {}),
    };
    const [total, rows] = await Promise.all([
      this.prisma.webhookDelivery.count({ where }),
      this.prisma.webhookDelivery.findMany({
        where,
        orderBy: { createdAt: "desc" },
        skip: (filter.page - 1) * filter.limit,
        take: filter.limit,
        include: { attemptLog: { orderBy: { createdAt: "asc" } } },
      }),
    ]);
    return { total, rows };
  }

  /** Un-pauses the endpoint; its waiting deliveries go out in order, starting now. */
  async resume(accountId: string, id: string) {
    const endpoint = await this.find(accountId, id);
    if (!endpoint) return undefined;
    await this.prisma.$transaction(async (tx) => {
      await tx.webhookEndpoint.update({
        where: { id },
        data: { active: true, pausedAt: null, consecutiveFailures: 0 },
      });
      await tx.webhookDelivery.updateMany({
        where: { endpointId: id, status: "pending" },
        data: { nextAttemptAt: new Date() },
      });
      await enqueueWebhookDispatch(tx, id);
    });
    return this.find(accountId, id);
  }

  /** Sends the same bytes as a delivery again, as a new delivery queued behind the others. */
  async replay(accountId: string, endpointId: string, deliveryId: string) {
    const original = await this.prisma.webhookDelivery.findFirst({
      where: { id: deliveryId, endpointId, endpoint: { accountId } },
    });
    if (!original) return undefined;
    return this.prisma.$transaction(async (tx) => {
      const copy = await tx.webhookDelivery.create({
        data: {
          endpointId,
          eventId: original.eventId,
          eventType: original.eventType,
          body: original.body,
        },
      });
      await enqueueWebhookDispatch(tx, endpointId);
      return copy;
    });
  }

  /** Sends a `webhook.test` event now and reports the receiver's answer; it is logged as well. */
  async sendTest(
    accountId: string,
    id: string,
  ): Promise<
    { delivery: { id: string }; attempt: WebhookAttempt; delivered: boolean } | undefined
  > {
    const endpoint = await this.find(accountId, id);
    if (!endpoint) return undefined;

    const body = JSON.stringify({
      event: "webhook.test",
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      data: { endpoint_id: endpoint.id, message: "Test delivery from PremiumCDKeys" },
    });
    const delivery = await this.prisma.webhookDelivery.create({
      data: { endpointId: id, eventType: "webhook.test", body, status: "sending" },
    });
    const secret = this.vault.openText(endpoint.secretSeal, `endpoint:${endpoint.id}`);
    const attempt = await sendWebhook({
      url: endpoint.url,
      body,
      headers: signedHeaders({ deliveryId: delivery.id, eventType: "webhook.test", body, secret }),
      timeoutMs: this.policy.timeoutMs,
      allowPrivate: this.policy.allowPrivateTargets,
    });

    const ok = wasDelivered(attempt);
    await this.prisma.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        status: ok ? "succeeded" : "failed",
        attempts: 1,
        lastStatus: attempt.statusCode,
        deliveredAt: ok ? new Date() : null,
        attemptLog: {
          create: {
            statusCode: attempt.statusCode,
            durationMs: attempt.durationMs,
            error: attempt.error,
          },
        },
      },
    });
    return { delivery, attempt, delivered: ok };
  }
}

function invalid(field: string, message: string): UseCaseError {
  return { ok: false, code: "VALIDATION_ERROR", message, details: { field } };
}
