import type { WebContext } from "../../load-context";
import { actorOf, type MerchantScope } from "../../shells/merchant-scope";
import { notFound } from "../common/not-found";
import { formText, formTexts } from "../common/form-text";

export type WebhooksData = Awaited<ReturnType<typeof loadWebhooks>>;

export async function loadWebhooks(context: WebContext, scope: MerchantScope) {
  const { core, platform } = context;
  const endpoints = await core.accountWebhookEndpoints(platform.db.prisma, scope.accountId);
  return {
    csrfToken: scope.csrfToken ?? "",
    eventTypes: core.EVENT_TYPES as readonly string[],
    endpoints: endpoints.map((endpoint) => ({
      id: endpoint.id,
      url: endpoint.url,
      events: endpoint.events,
      sandbox: endpoint.sandbox,
      state: endpoint.pausedAt ? "paused" : endpoint.active ? "active" : "disabled",
      consecutiveFailures: endpoint.consecutiveFailures,
      deliveries: endpoint.deliveries.map((delivery) => ({
        id: delivery.id,
        eventType: delivery.eventType,
        status: delivery.status,
        attempts: delivery.attempts,
        responseCode: delivery.lastStatus,
        durationMs: delivery.attemptLog[0]?.durationMs ?? null,
        createdAt: delivery.createdAt.toISOString(),
      })),
    })),
  };
}

export type WebhooksActionData =
  | { ok: true; message: string; secret?: string; endpointId?: string }
  | { ok: false; field?: string; message: string };

/** Create, reveal or rotate the secret, resume, test, replay: each written to the audit log. */
export async function webhooksAction(
  context: WebContext,
  scope: MerchantScope,
  form: FormData,
): Promise<WebhooksActionData> {
  const { core, platform } = context;
  const prisma = platform.db.prisma;
  const endpoints = platform.webhookEndpoints;
  const intent = formText(form, "intent");
  const audit = (action: string, targetId?: string, details = {}) =>
    core.recordAudit(prisma, actorOf(scope), {
      action,
      targetType: "webhook_endpoint",
      targetId,
      details,
    });

  if (intent === "create") {
    const account = await prisma.account.findUniqueOrThrow({ where: { id: scope.accountId } });
    const events = formTexts(form, "events");
    if (events.length === 0)
      return { ok: false, field: "events", message: "Choose at least one event" };
    const created = await endpoints.create(
      { accountId: scope.accountId, sandbox: account.sandboxMode },
      { url: formText(form, "url"), events: events as never },
    );
    if (!created.ok) {
      return {
        ok: false,
        field: typeof created.details?.field === "string" ? created.details.field : "url",
        message: created.message,
      };
    }
    await audit("webhook_endpoint.created", created.endpoint.id, { url: created.endpoint.url });
    return {
      ok: true,
      message: "Endpoint created. Its signing secret is shown once:",
      secret: created.secret,
      endpointId: created.endpoint.id,
    };
  }

  const endpointId = formText(form, "endpoint");
  const owner = /^[0-9a-f-]{36}$/i.test(endpointId)
    ? await core.endpointOwner(prisma, scope.accountId, endpointId)
    : undefined;
  if (!owner) throw notFound("NOT_FOUND", "No such webhook endpoint");

  switch (intent) {
    case "reveal": {
      const secret = await core.revealEndpointSecret(
        prisma,
        platform.vault,
        actorOf(scope),
        endpointId,
      );
      return { ok: true, message: "The endpoint's signing secret:", secret, endpointId };
    }
    case "rotate": {
      const rotated = await endpoints.rotateSecret(owner, endpointId);
      if (rotated && !rotated.ok) return { ok: false, message: rotated.message };
      await audit("webhook_endpoint.secret_rotated", endpointId);
      return {
        ok: true,
        message: "New secret (the old one keeps signing beside it for 24 hours):",
        secret: rotated?.secret,
        endpointId,
      };
    }
    case "resume": {
      await endpoints.resume(owner, endpointId);
      await audit("webhook_endpoint.resumed", endpointId);
      platform.worker.nudge();
      return { ok: true, message: "The endpoint is active again; waiting deliveries go out now." };
    }
    case "test": {
      const sent = await endpoints.sendTest(owner, endpointId);
      await audit("webhook_endpoint.tested", endpointId, { delivered: sent?.delivered ?? false });
      const code = sent?.attempt.statusCode ?? "no answer";
      return sent?.delivered
        ? { ok: true, message: `Test delivered: the receiver answered ${code}.` }
        : { ok: false, message: `Test not delivered: ${sent?.attempt.error ?? code}.` };
    }
    case "replay": {
      const deliveryId = formText(form, "delivery");
      const copy = /^[0-9a-f-]{36}$/i.test(deliveryId)
        ? await endpoints.replay(owner, endpointId, deliveryId)
        : undefined;
      if (!copy) throw notFound("NOT_FOUND", "No such delivery");
      await audit("webhook_endpoint.delivery_replayed", endpointId, { delivery: deliveryId });
      platform.worker.nudge();
      return { ok: true, message: "The delivery is queued again." };
    }
  }
  return { ok: false, message: "Unknown action" };
}
