import type { WebContext } from "../../load-context";
import { actorOf, type MerchantScope } from "../../shells/merchant-scope";
import { formText } from "../common/form-text";

export type ShopsData = Awaited<ReturnType<typeof loadShops>>;

export async function loadShops(context: WebContext, scope: MerchantScope) {
  const { core, platform } = context;
  const shops = platform.shopConnections
    ? await platform.shopConnections.list({ accountId: scope.accountId })
    : [];
  const health = await core.shopHealth(platform.db.prisma, scope.accountId);
  const time = (date: Date | null | undefined) => date?.toISOString() ?? null;
  return {
    csrfToken: scope.csrfToken ?? "",
    canConnectWoo: Boolean(platform.shopConnections),
    shops: shops.map((shop) => ({
      id: shop.id,
      platform: shop.platform,
      domain: shop.domain,
      active: shop.active,
      lastWebhookAt: time(health.get(shop.id)?.lastWebhookAt),
      failedOrders7d: health.get(shop.id)?.failedOrders7d ?? 0,
      woo: shop.woocommerce
        ? {
            consumerKey: shop.woocommerce.consumerKey,
            lastCheckAt: time(shop.woocommerce.lastCheckAt),
            lastCheckError: shop.woocommerce.lastCheckError,
          }
        : null,
    })),
  };
}

export type ShopsActionData = { ok: true; message: string } | { ok: false; message: string };

/** Connect a WooCommerce shop, disconnect a shop; both written to the audit log. */
export async function shopsAction(
  context: WebContext,
  scope: MerchantScope,
  form: FormData,
): Promise<ShopsActionData> {
  const { core, platform } = context;
  const connections = platform.shopConnections;
  if (!connections) return { ok: false, message: "WooCommerce is not available here" };
  const intent = formText(form, "intent");
  const audit = (action: string, targetId: string, details = {}) =>
    core.recordAudit(platform.db.prisma, actorOf(scope), {
      action,
      targetType: "shop",
      targetId,
      details,
    });

  if (intent === "connect_woo") {
    const connected = await connections.connectWooCommerce({
      accountId: scope.accountId,
      url: formText(form, "url"),
      consumerKey: formText(form, "consumer_key"),
      consumerSecret: formText(form, "consumer_secret"),
    });
    if (!connected.ok) return { ok: false, message: connected.message };
    await audit("shop.connected", connected.shopId, { platform: "woocommerce" });
    return { ok: true, message: "The shop is connected and its webhooks are registered." };
  }
  if (intent === "disconnect") {
    const shopId = formText(form, "shop");
    const result = /^[0-9a-f-]{36}$/i.test(shopId)
      ? await connections.disconnect(shopId, { accountId: scope.accountId })
      : undefined;
    if (!result?.ok) return { ok: false, message: "No such connected shop" };
    await audit("shop.disconnected", shopId, { webhooksRemoved: result.webhooksRemoved });
    return { ok: true, message: result.warning ?? "The shop is disconnected." };
  }
  return { ok: false, message: "Unknown action" };
}
