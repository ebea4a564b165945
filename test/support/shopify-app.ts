import { randomUUID } from "node:crypto";
import { shopifyHeaders } from "../../app/src/demo/shop-deliveries.ts";
import { TEST_API_KEY, TEST_API_SECRET } from "./embedded-auth.ts";
import type { FakeAdminApi } from "./fake-admin-api.ts";
import type { TestServer } from "./test-server.ts";

/** Environment of a test server with the Shopify app configured against a fake Admin API. */
export function shopifyAppEnv(adminApi: FakeAdminApi): Record<string, string> {
  return {
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_API_SECRET,
    SHOPIFY_APP_URL: "https://keys-app.example.com",
    SHOPIFY_ADMIN_API_URL: adminApi.url,
  };
}

/**
 * Posts an app webhook the way Shopify does: signed with the app secret over the exact bytes,
 * with every header; `drop` leaves headers out, `signature` replaces the HMAC.
 */
export function postAppWebhook(
  server: TestServer,
  path: string,
  shop: string,
  topic: string,
  body: string,
  options: { webhookId?: string; signature?: string; drop?: string[] } = {},
) {
  const headers = shopifyHeaders(TEST_API_SECRET, body, {
    topic,
    webhookId: options.webhookId ?? randomUUID(),
    signature: options.signature,
    headers: { "x-shopify-shop-domain": shop },
  });
  for (const name of options.drop ?? []) delete headers[name];
  return fetch(`${server.url}/webhooks/app/${path}`, { method: "POST", body, headers });
}

/** A product of the installed shop's account, mapped by SKU to a sandbox catalogue entry. */
export async function mapShopifySku(
  server: TestServer,
  accountId: string,
  shopId: string,
  sku: string,
  supplierProductId: string,
) {
  const prisma = server.platform.db.prisma;
  const product = await prisma.product.create({
    data: {
      accountId,
      name: `Test ${sku}`,
      sku,
      offers: { create: { supplier: "sandbox", supplierProductId } },
    },
  });
  await prisma.productMapping.create({ data: { shopId, productId: product.id, sku } });
  return product;
}
