import type { Logger } from "../../logger.ts";
import { asId } from "../../ids.ts";
import {
  connectWooShop,
  type ConnectWooInput,
  type ConnectWooResult,
  type WooConnectDeps,
} from "./connect-woo-shop.ts";
import { loadWooShop, maskKey, readWebhookIds } from "./woo-access.ts";
import { checkWooWebhooks, type WebhookCheck } from "./woo-webhook-check.ts";

export type ShopSummary = {
  id: string;
  accountId: string;
  platform: string;
  domain: string;
  active: boolean;
  createdAt: Date;
  /** Connected WooCommerce shops only. */
  woocommerce?: {
    url: string;
    consumerKey: string;
    webhookIds: Record<string, number>;
    connectedAt: Date;
    lastCheckAt: Date | null;
    lastCheckError: string | null;
  };
};

export type DisconnectResult =
  | { ok: true; webhooksRemoved: boolean; warning?: string }
  | { ok: false; code: "SHOP_NOT_FOUND" | "NOT_A_WOOCOMMERCE_SHOP"; message: string };

/** Scopes a use case to one account (the dashboard) or to none (the operator's command). */
export type Scope = { accountId?: string };

/**
 * The shop use cases the dashboard's Shops page and `npm run shops` both call: connect a
 * WooCommerce shop, list shops with their credentials masked, check webhooks now, disconnect.
 */
export class ShopConnections {
  constructor(
    private readonly deps: WooConnectDeps,
    private readonly log: Logger,
  ) {}

  connectWooCommerce(input: ConnectWooInput): Promise<ConnectWooResult> {
    return connectWooShop(this.deps, input);
  }

  async list(scope: Scope = {}): Promise<ShopSummary[]> {
    const shops = await this.deps.prisma.shop.findMany({
      where: scope.accountId ? { accountId: scope.accountId } : {},
      include: { wooConnection: true },
      orderBy: { createdAt: "asc" },
    });
    return shops.map((shop) => ({
      id: shop.id,
      accountId: shop.accountId,
      platform: shop.platform,
      domain: shop.domain,
      active: shop.active,
      createdAt: shop.createdAt,
      woocommerce: shop.wooConnection
        ? {
            url: shop.wooConnection.url,
            consumerKey: maskKey(shop.wooConnection.keyHint),
            webhookIds: readWebhookIds(shop.wooConnection.webhookIds),
            connectedAt: shop.wooConnection.connectedAt,
            lastCheckAt: shop.wooConnection.lastCheckAt,
            lastCheckError: shop.wooConnection.lastCheckError,
          }
        : undefined,
    }));
  }

  /** Runs the webhook health check now rather than at its next turn. */
  async check(
    shopId: string,
    scope: Scope = {},
  ): Promise<WebhookCheck | { ok: false; error: { code: "SHOP_NOT_FOUND"; message: string } }> {
    if (!(await this.#find(shopId, scope))) return { ok: false, error: notFound() };
    return checkWooWebhooks(this.deps, shopId, this.log);
  }

  /**
   * Removes our webhooks from the shop, then forgets its keys and stops accepting its
   * deliveries. A shop that cannot be reached is still disconnected here, with a warning: its
   * leftover webhooks are refused and WooCommerce disables them.
   */
  async disconnect(shopId: string, scope: Scope = {}): Promise<DisconnectResult> {
    const shop = await this.#find(shopId, scope);
    if (!shop || !shop.active) return { ok: false, ...notFound() };
    if (shop.platform !== "woocommerce") {
      const message =
        "Only WooCommerce shops are disconnected here: a Shopify shop leaves by uninstalling " +
        "the app (or removing its webhook) in the Shopify admin";
      return { ok: false, code: "NOT_A_WOOCOMMERCE_SHOP", message };
    }

    // Forgotten here first, so a webhook check running meanwhile cannot put webhooks back.
    const connection = await loadWooShop(this.deps.prisma, this.deps.vault, shop.id);
    await this.deps.prisma.$transaction(async (tx) => {
      await tx.wooConnection.deleteMany({ where: { shopId: shop.id } });
      await tx.shop.update({ where: { id: shop.id }, data: { active: false } });
    });
    this.deps.shops.forget(shop.id);

    const removal = connection
      ? await this.deps.connector.removeWebhooks(
          connection.access,
          Object.values(connection.webhookIds),
        )
      : ({ ok: true } as const);
    this.log.info({ shopId: shop.id, webhooksRemoved: removal.ok }, "shop disconnected");
    if (removal.ok) return { ok: true, webhooksRemoved: true };
    return {
      ok: true,
      webhooksRemoved: false,
      warning:
        `Webhooks could not be removed from the shop (${removal.error.code}): ` +
        "delete them in WooCommerce > Settings > Advanced > Webhooks",
    };
  }

  async #find(rawId: string, scope: Scope) {
    const id = asId(rawId);
    if (!id) return undefined;
    const shop = await this.deps.prisma.shop.findUnique({ where: { id } });
    if (!shop || (scope.accountId && shop.accountId !== scope.accountId)) return undefined;
    return shop;
  }
}

function notFound() {
  return { code: "SHOP_NOT_FOUND" as const, message: "No such shop" };
}
