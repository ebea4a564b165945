import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Platform } from "../platform.ts";
import { createOperator } from "../dashboard/operators.ts";
import { createApiKey } from "./api-keys.ts";

/**
 * The products of the demo shops, mapped to the sandbox catalogue: the Shopify fixture's
 * products by Shopify product or variant id, the WooCommerce fixture's by product or variation
 * id, and every one of them by SKU as well.
 */
const DEMO_PRODUCTS = [
  {
    name: "Starfield (Steam key, EU)",
    sku: "STEAM-STARFIELD-EU",
    supplierProductId: "SBX-STARFIELD-EU",
    shopify: { productId: "8123456789012" },
    woocommerce: { productId: "120" },
  },
  {
    name: "Xbox Game Pass Ultimate 3 months",
    sku: "XBOX-GAMEPASS-3M",
    supplierProductId: "SBX-GAMEPASS-3M",
    shopify: { productId: "8123456789013", variantId: "45123456789013" },
    woocommerce: { productId: "131", variantId: "133" },
  },
  {
    name: "Elden Ring (Steam key, EU)",
    sku: "STEAM-ELDEN-RING-EU",
    supplierProductId: "SBX-ELDEN-RING-EU",
  },
  {
    name: "Store gift card 25 EUR",
    sku: "GIFTCARD-25-IMAGE",
    supplierProductId: "SBX-GIFTCARD-IMAGE",
  },
] as const;

export type DemoAccount = {
  account_id: string;
  api_key: string;
  shops: { shopify: DemoShop; woocommerce: DemoShop };
  products: { id: string; name: string; sku: string; supplier_product_id: string }[];
  /** The operator login of the standalone dashboard at /dashboard (issue 7). */
  dashboard?: { url: string; email: string; password: string };
};

const DEMO_OPERATOR_EMAIL = "operator@keys-demo.example";

type DemoShop = { id: string; domain: string; webhook_secret: string; webhook_url: string };

/** Creates the demo account once, on a database without accounts, and writes its details. */
export async function ensureDemoAccount(platform: Platform): Promise<DemoAccount | undefined> {
  const { prisma } = platform.db;
  const file = path.join(platform.config.dataDir, "demo-account.json");
  if ((await prisma.account.count()) > 0) {
    return fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, "utf8")) as DemoAccount)
      : undefined;
  }

  const account = await prisma.account.create({
    data: { name: "Demo key shop", sandboxMode: true },
  });
  const shopify = await createShop(platform, account.id, "shopify", "keys-demo.myshopify.com");
  const woocommerce = await createShop(platform, account.id, "woocommerce", "woo-demo.localhost");
  const products = [];
  for (const demo of DEMO_PRODUCTS) {
    const product = await prisma.product.create({
      data: {
        accountId: account.id,
        name: demo.name,
        sku: demo.sku,
        offers: { create: { supplier: "sandbox", supplierProductId: demo.supplierProductId } },
      },
    });
    await prisma.productMapping.createMany({
      data: [
        { shopId: shopify.id, productId: product.id, sku: demo.sku },
        { shopId: woocommerce.id, productId: product.id, sku: demo.sku },
        ...("shopify" in demo ? [mappingFor(shopify.id, product.id, demo.shopify)] : []),
        ...("woocommerce" in demo
          ? [mappingFor(woocommerce.id, product.id, demo.woocommerce)]
          : []),
      ],
    });
    products.push({
      id: product.id,
      name: demo.name,
      sku: demo.sku,
      supplier_product_id: demo.supplierProductId,
    });
  }

  const { key } = await createApiKey(prisma, account.id, "Demo key", {
    permissions: ["read", "process", "keys"],
  });
  const dashboard = {
    url: `${platform.config.appUrl}/dashboard`,
    email: DEMO_OPERATOR_EMAIL,
    password: randomBytes(12).toString("base64url"),
  };
  await createOperator(prisma, { accountId: account.id, ...dashboard });
  const demo: DemoAccount = {
    account_id: account.id,
    api_key: key,
    shops: { shopify, woocommerce },
    products,
    dashboard,
  };
  fs.mkdirSync(platform.config.dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(demo, null, 2) + "\n", { mode: 0o600 });
  platform.log.info({ accountId: account.id, file }, "demo account created");
  return demo;
}

async function createShop(
  platform: Platform,
  accountId: string,
  kind: "shopify" | "woocommerce",
  domain: string,
) {
  const id = crypto.randomUUID();
  const secret = randomBytes(24).toString("base64url");
  await platform.db.prisma.shop.create({
    data: {
      id,
      accountId,
      platform: kind,
      domain,
      webhookSecretSeal: platform.vault.seal(secret, `shop:${id}`),
    },
  });
  const webhookUrl = `${platform.config.appUrl}/api/webhook/${kind}/${id}`;
  return { id, domain, webhook_secret: secret, webhook_url: webhookUrl };
}

function mappingFor(
  shopId: string,
  productId: string,
  ids: { productId: string; variantId?: string },
) {
  return {
    shopId,
    productId,
    externalProductId: ids.productId,
    externalVariantId: ids.variantId ?? null,
  };
}
