import type { PrismaClient } from "../db/types.ts";
import { enqueueWebhookDispatch } from "../events/record-event.ts";
import { EVENT_TYPES, type EventType } from "../events/event-types.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { sendWebhook, wasDelivered, type WebhookAttempt } from "./http-sender.ts";
import { endpointSecrets, withSigningSecrets } from "./endpoint-secrets.ts";
import { generateEndpointSecret, signedHeaders } from "./signing.ts";
import { checkResolvedTarget, type HostResolver } from "./resolve-target.ts";
import { rotateEndpointSecret } from "./rotate-secret.ts";
import { checkTargetUrl } from "./target-policy.ts";

export type EndpointInput = { url: string; events: EventType[]; description?: string };

export type EndpointChanges = { url?: string; events?: EventType[]; active?: boolean };

/** Whose endpoints: an account, in the mode of the API key (sandbox or live). */
export type EndpointOwner = { accountId: string; sandbox: boolean };

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
    private readonly policy: {
      allowPrivateTargets: boolean;
      timeoutMs: number;
      /** For tests: how host names are looked up (the system's resolver by default). */
      resolve?: HostResolver;
    },
  ) {}

  /** Creates an endpoint; the secret is returned here and never again in full. */
  async create(owner: EndpointOwner, input: EndpointInput) {
    const target = await this.checkTarget(input.url);
    if (!target.ok) return invalid("url", target.reason);
    const unknown = input.events.filter((event) => !EVENT_TYPES.includes(event));
    if (unknown.length) return invalid("events", `Unknown events: ${unknown.join(", ")}`);

    const secret = generateEndpointSecret();
    const id = crypto.randomUUID();
    const endpoint = await this.prisma.webhookEndpoint.create({
      data: {
        id,
        accountId: owner.accountId,
        sandbox: owner.sandbox,
        description: input.description ?? null,
        url: target.url.href,
        events: [...new Set(input.events)],
        secretSeal: this.vault.seal(secret, `endpoint:${id}`),
      },
      include: withSigningSecrets(),
    });
    return { ok: true as const, endpoint, secret };
  }

  /** The URL as written, then the addresses its host name resolves to now. */
  private async checkTarget(url: string) {
    const allowPrivate = this.policy.allowPrivateTargets;
    const target = checkTargetUrl(url, { allowPrivate });
    if (!target.ok) return target;
    return checkResolvedTarget(target.url, { allowPrivate, resolve: this.policy.resolve });
  }

  /** One page of the owner's endpoints, oldest first, with the count of all of them. */
  async list(owner: EndpointOwner, page: { limit: number; page: number }) {
    const where = { accountId: owner.accountId, sandbox: owner.sandbox };
    const [total, rows] = await Promise.all([
      this.prisma.webhookEndpoint.count({ where }),
      this.prisma.webhookEndpoint.findMany({
        where,
        // The id breaks ties of endpoints created in the same millisecond, so pages never overlap.
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        skip: (page.page - 1) * page.limit,
        take: page.limit,
        include: withSigningSecrets(),
      }),
    ]);
    return { total, rows };
  }

  find(owner: EndpointOwner, id: string) {
    return this.prisma.webhookEndpoint.findFirst({
      where: { id, accountId: owner.accountId, sandbox: owner.sandbox },
      include: withSigningSecrets(),
    });
  }

  /**
   * Changes url, events or the active switch. Switching off disables the endpoint (its new
   * deliveries wait, like a paused endpoint's); switching on works as resume.
   */
  async update(owner: EndpointOwner, id: string, changes: EndpointChanges) {
    const endpoint = await this.find(owner, id);
    if (!endpoint) return undefined;

    let url: string | undefined;
    if (changes.url !== undefined) {
      const target = await this.checkTarget(changes.url);
      if (!target.ok) return invalid("url", target.reason);
      url = target.url.href;
    }
    if (changes.active === true) await this.resume(owner, id);

    const updated = await this.prisma.webhookEndpoint.update({
      where: { id },
      data: {
        url,
        events: changes.events ? [...new Set(changes.events)] : undefined,
        ...(changes.active === false ? { active: false, pausedAt: null } : {}),
      },
      include: withSigningSecrets(),
    });
    return { ok: true as const, endpoint: updated };
  }

  /** Deletes the endpoint with its delivery log; false when it is not the owner's. */
  async remove(owner: EndpointOwner, id: string): Promise<boolean> {
    const deleted = await this.prisma.webhookEndpoint.deleteMany({
      where: { id, accountId: owner.accountId, sandbox: owner.sandbox },
    });
    return deleted.count > 0;
  }

  /**
   * A new secret, returned here once. Every secret retired in the last 24 hours keeps signing
   * beside it, so receivers can switch over without refusing a delivery (see signing.ts for the
   * headers). Undefined when the endpoint is not the owner's; refused past 10 retired secrets.
   */
  async rotateSecret(owner: EndpointOwner, id: string, options: { expirePrevious?: boolean } = {}) {
    if (!(await this.find(owner, id))) return undefined;
    return rotateEndpointSecret(this.prisma, this.vault, id, options);
  }

  async deliveries(
    owner: EndpointOwner,
    endpointId: string,
    filter: { status?: string; event?: string; limit: number; page: number },
  ) {
    const where = {
      endpointId,
      endpoint: { accountId: owner.accountId, sandbox: owner.sandbox },
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.event ? { eventType: filter.event } : {}),
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
  async resume(owner: EndpointOwner, id: string) {
    const endpoint = await this.find(owner, id);
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
    return this.find(owner, id);
  }

  /** Sends the same bytes as a delivery again, as a new delivery queued behind the others. */
  async replay(owner: EndpointOwner, endpointId: string, deliveryId: string) {
    const original = await this.prisma.webhookDelivery.findFirst({
      where: {
        id: deliveryId,
        endpointId,
        endpoint: { accountId: owner.accountId, sandbox: owner.sandbox },
      },
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
    owner: EndpointOwner,
    id: string,
  ): Promise<
    { delivery: { id: string }; attempt: WebhookAttempt; delivered: boolean } | undefined
  > {
    const endpoint = await this.find(owner, id);
    if (!endpoint) return undefined;

    const body = JSON.stringify({
      event: "webhook.test",
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      data: { endpoint_id: endpoint.id, message: "Test delivery from PremiumCDKeys" },
    });
    const delivery = await this.prisma.webhookDelivery.create({
      data: { endpointId: id, eventType: "webhook.test", body, status: "sending" },
    });
    const attempt = await sendWebhook({
      url: endpoint.url,
      body,
      headers: signedHeaders({
        deliveryId: delivery.id,
        eventType: "webhook.test",
        body,
        ...endpointSecrets(this.vault, endpoint),
      }),
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
