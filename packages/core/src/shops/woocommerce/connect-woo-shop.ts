import { randomInt, randomUUID } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../../db/types.ts";
import type { Logger } from "../../logger.ts";
import type { KeyVault } from "../../vault/key-vault.ts";
import type { ShopDirectory } from "../shop-directory.ts";
import { checkShopUrl, type ShopAddress, type ShopAddressPolicy } from "./shop-address.ts";
import {
  consumerKeyContext,
  consumerSecretContext,
  webhookSecretContext,
  webhookSpecs,
} from "./woo-access.ts";
import type { WooCommerceConnector, WooErrorCode } from "./woo-connector.ts";
import { scheduleWooMaintenance, type WooIntervals } from "./woo-schedule.ts";

export type WooConnectDeps = {
  prisma: PrismaClient;
  vault: KeyVault;
  connector: WooCommerceConnector;
  shops: ShopDirectory;
  log: Logger;
  addressPolicy: ShopAddressPolicy;
  appUrl: () => string;
  intervals: WooIntervals;
};

export type ConnectWooInput = {
  accountId: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
};

export type ConnectFailureCode =
  | "VALIDATION_ERROR"
  | "ACCOUNT_NOT_FOUND"
  | "INVALID_URL"
  | "INSECURE_URL"
  | "PRIVATE_ADDRESS"
  | "SHOP_ALREADY_CONNECTED"
  | WooErrorCode;

export type ConnectWooResult =
  | { ok: true; shopId: string; webhookUrl: string; webhookIds: Record<string, number> }
  | { ok: false; code: ConnectFailureCode; message: string };

// WooCommerce keys are "ck_" / "cs_" and 40 hex characters; other characters are refused so a
// pasted key can carry nothing into a header or a URL.
// The messages are whole sentences in the merchant's words: the dashboard and the CLI show them
// as they are.
const inputSchema = z.object({
  accountId: z.string().uuid("No such account"),
  url: z.string().min(1, "Enter the shop's address"),
  consumerKey: z
    .string()
    .regex(/^ck_[A-Za-z0-9]{8,128}$/, "The consumer key starts with ck_ then letters or digits"),
  consumerSecret: z
    .string()
    .regex(/^cs_[A-Za-z0-9]{8,128}$/, "The consumer secret starts with cs_ then letters or digits"),
});

const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Alphanumeric only: WooCommerce HTML-decodes stored secrets, which breaks some characters. */
export function newWebhookSecret(length = 48): string {
  let secret = "";
  for (let i = 0; i < length; i++) secret += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return secret;
}

/**
 * Connects a WooCommerce shop with its URL and REST keys: checks them at the shop, registers our
 * `order.created` and `order.updated` webhooks with a secret we generate, and stores the keys
 * sealed. On any failure nothing stays behind, here or at the shop.
 */
export async function connectWooShop(
  deps: WooConnectDeps,
  input: ConnectWooInput,
): Promise<ConnectWooResult> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: "VALIDATION_ERROR", message: parsed.error.issues[0].message };
  }
  const address = checkShopUrl(parsed.data.url, deps.addressPolicy);
  if (!address.ok) return address;

  const account = await deps.prisma.account.findUnique({ where: { id: parsed.data.accountId } });
  if (!account) return { ok: false, code: "ACCOUNT_NOT_FOUND", message: "No such account" };

  const existing = await deps.prisma.shop.findUnique({
    where: { platform_domain: { platform: "woocommerce", domain: address.address.domain } },
  });
  if (existing && (existing.active || existing.accountId !== account.id)) {
    return {
      ok: false,
      code: "SHOP_ALREADY_CONNECTED",
      message: "This shop is already connected; disconnect it first",
    };
  }

  // A shop connected before keeps its id, so its orders stay its own and are never bought again.
  const shopId = existing?.id ?? randomUUID();
  const secret = newWebhookSecret();
  await saveConnection(deps, shopId, account.id, address.address, parsed.data, secret, !existing);

  const specs = webhookSpecs(deps.appUrl(), shopId, secret);
  const access = {
    url: address.address.url,
    consumerKey: parsed.data.consumerKey,
    consumerSecret: parsed.data.consumerSecret,
  };
  const registered = await deps.connector.connect(access, specs);
  if (!registered.ok) {
    await undoConnection(deps, shopId, !existing);
    deps.log.warn(
      { accountId: account.id, code: registered.error.code },
      "woocommerce connect refused",
    );
    return { ok: false, ...registered.error };
  }

  await deps.prisma.$transaction(async (tx) => {
    await tx.wooConnection.update({ where: { shopId }, data: { webhookIds: registered.value } });
    await scheduleWooMaintenance(tx, shopId, deps.intervals);
  });
  deps.log.info({ accountId: account.id, shopId }, "woocommerce shop connected");
  return { ok: true, shopId, webhookUrl: specs[0].deliveryUrl, webhookIds: registered.value };
}

/** The shop is active with its secret before webhooks exist, so WooCommerce's ping finds it. */
async function saveConnection(
  deps: WooConnectDeps,
  shopId: string,
  accountId: string,
  address: ShopAddress,
  keys: { consumerKey: string; consumerSecret: string },
  secret: string,
  isNew: boolean,
) {
  const { vault } = deps;
  const webhookSecretSeal = vault.seal(secret, webhookSecretContext(shopId));
  const now = new Date();
  await deps.prisma.$transaction(async (tx) => {
    if (isNew) {
      await tx.shop.create({
        data: {
          id: shopId,
          accountId,
          platform: "woocommerce",
          domain: address.domain,
          webhookSecretSeal,
        },
      });
    } else {
      await tx.shop.update({ where: { id: shopId }, data: { active: true, webhookSecretSeal } });
    }
    await tx.wooConnection.create({
      data: {
        shopId,
        url: address.url,
        consumerKeySeal: vault.seal(keys.consumerKey, consumerKeyContext(shopId)),
        consumerSecretSeal: vault.seal(keys.consumerSecret, consumerSecretContext(shopId)),
        keyHint: keys.consumerKey.slice(-4),
        connectedAt: now,
        sweptUntil: now,
      },
    });
  });
  deps.shops.forget(shopId);
}

async function undoConnection(deps: WooConnectDeps, shopId: string, isNew: boolean) {
  await deps.prisma.$transaction(async (tx) => {
    await tx.wooConnection.deleteMany({ where: { shopId } });
    if (isNew) await tx.shop.delete({ where: { id: shopId } });
    else await tx.shop.update({ where: { id: shopId }, data: { active: false } });
  });
  deps.shops.forget(shopId);
}
