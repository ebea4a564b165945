import type { Db } from "../../db/types.ts";
import type { KeyVault } from "../../vault/key-vault.ts";
import type { WebhookIds, WooAccess, WooWebhookSpec } from "./woo-connector.ts";
import { WOO_TOPICS } from "./woo-connector.ts";

/** Seal contexts bind each credential to its shop: a seal copied to another row does not open. */
export const consumerKeyContext = (shopId: string) => `woo-consumer-key:${shopId}`;
export const consumerSecretContext = (shopId: string) => `woo-consumer-secret:${shopId}`;
export const webhookSecretContext = (shopId: string) => `shop:${shopId}`;

export type WooShopState = {
  shopId: string;
  accountId: string;
  access: WooAccess;
  webhookSecret: string;
  webhookIds: WebhookIds;
  connectedAt: Date;
  sweptUntil: Date;
};

/** An active connected shop with its credentials opened, or undefined once disconnected. */
export async function loadWooShop(
  db: Db,
  vault: KeyVault,
  shopId: string,
): Promise<WooShopState | undefined> {
  const row = await db.wooConnection.findUnique({
    where: { shopId },
    include: { shop: true },
  });
  if (!row || !row.shop.active) return undefined;

  return {
    shopId,
    accountId: row.shop.accountId,
    access: {
      url: row.url,
      consumerKey: vault.openText(row.consumerKeySeal, consumerKeyContext(shopId)),
      consumerSecret: vault.openText(row.consumerSecretSeal, consumerSecretContext(shopId)),
    },
    webhookSecret: vault.openText(row.shop.webhookSecretSeal, webhookSecretContext(shopId)),
    webhookIds: readWebhookIds(row.webhookIds),
    connectedAt: row.connectedAt,
    sweptUntil: row.sweptUntil,
  };
}

/** The webhooks we keep at a shop: one per topic, all to the shop's inbound URL. */
export function webhookSpecs(appUrl: string, shopId: string, secret: string): WooWebhookSpec[] {
  const deliveryUrl = `${appUrl.replace(/\/+$/, "")}/api/webhook/woocommerce/${shopId}`;
  return WOO_TOPICS.map((topic) => ({ topic, deliveryUrl, secret }));
}

export function readWebhookIds(value: unknown): WebhookIds {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, number] =>
      Number.isSafeInteger(entry[1]),
    ),
  );
}

/** `ck_…1a2b`: enough to tell keys apart, never enough to use one. */
export function maskKey(hint: string): string {
  return `ck_…${hint}`;
}
