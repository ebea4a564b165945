import {
  eraseShop,
  parseJsonLosslessly,
  redactCustomer,
  idText,
  type JobHandler,
  type PrismaClient,
} from "@premiumcdkeys/core";

export const SHOPIFY_APP_WEBHOOK_JOB = "shopify-app.webhook";

/** The app's own topics that are not orders; order topics take the core's order path. */
export const APP_TOPICS = [
  "app/uninstalled",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
] as const;

type CompliancePayload = {
  customer?: { id?: unknown; email?: string | null } | null;
  orders_requested?: unknown[];
  orders_to_redact?: unknown[];
  data_request?: { id?: unknown } | null;
};

/**
 * Applies a recorded app webhook: uninstall, the three privacy topics. Each is safe to run
 * twice; the delivery is recorded once per webhook id before it gets here.
 */
export function shopifyAppWebhookHandler(prisma: PrismaClient): JobHandler {
  return {
    async run(payload, { log }) {
      const inbound = await prisma.inboundWebhook.findUnique({
        where: { id: String(payload.inboundId) },
        include: { shop: true },
      });
      if (!inbound || inbound.processedAt) return;
      const { shop } = inbound;
      const body = parseJsonLosslessly(inbound.body) as CompliancePayload;
      const shopLog = log.child({ shopId: shop.id, topic: inbound.topic });

      if (inbound.topic === "app/uninstalled") {
        await prisma.shop.update({ where: { id: shop.id }, data: { active: false } });
        await prisma.shopifySession.deleteMany({ where: { shop: shop.domain } });
        shopLog.info("shopify app uninstalled: shop inactive, sessions removed");
      } else if (inbound.topic === "shop/redact") {
        // Sent 48 hours after an uninstall; a shop that came back since keeps its data.
        if (shop.active) {
          shopLog.warn("shop/redact for a shop installed again: kept");
        } else {
          await prisma.shopifySession.deleteMany({ where: { shop: shop.domain } });
          await eraseShop(prisma, shop.id);
          shopLog.info("shop data erased");
          return;
        }
      } else if (inbound.topic === "customers/redact") {
        const orderIds = idList(body.orders_to_redact);
        const redacted = await redactCustomer(prisma, {
          shopId: shop.id,
          customerExternalId: idText(body.customer?.id),
          email: body.customer?.email ?? undefined,
          orderExternalIds: orderIds,
          inboundBodyMarkers: orderIds.map((id) => `"gid://shopify/Order/${id}"`),
        });
        shopLog.info({ orders: redacted }, "customer data redacted");
      } else if (inbound.topic === "customers/data_request") {
        await prisma.customerDataRequest.create({
          data: {
            shopId: shop.id,
            requestRef: idText(body.data_request?.id),
            customerExternalId: idText(body.customer?.id),
            customerEmail: body.customer?.email ?? null,
            ordersRequested: idList(body.orders_requested),
          },
        });
        shopLog.info("customer data request recorded");
      }

      // A privacy request's own body names the customer: only the fact it came is kept.
      await prisma.inboundWebhook.updateMany({
        where: { id: inbound.id },
        data: { processedAt: new Date(), body: "{}" },
      });
    },
  };
}

function idList(values: unknown[] | undefined): string[] {
  return (Array.isArray(values) ? values : []).flatMap((value) => idText(value) ?? []);
}
