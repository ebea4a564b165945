import type { TestServer } from "./test-server.ts";
import { FakeWooCommerce } from "./fake-woocommerce/fake-woocommerce.ts";

/**
 * The test server learns its port only once listening; WooCommerce must be told that address
 * (APP_URL) for its webhooks, so the tests set it as an operator would.
 */
export function useServerAddress(server: TestServer): void {
  server.platform.config.appUrl = server.url;
}

/** A fake shop connected to the server's demo account with fresh read/write keys. */
export async function connectedFakeShop(server: TestServer) {
  const shop = await FakeWooCommerce.start();
  const key = shop.createKey();
  const result = await server.platform.shopConnections!.connectWooCommerce({
    accountId: server.demo.account_id,
    url: shop.url,
    consumerKey: key.consumerKey,
    consumerSecret: key.consumerSecret,
  });
  if (!result.ok) throw new Error(`connect failed: ${result.code} ${result.message}`);
  await shop.settle();
  return { shop, key, shopId: result.shopId };
}

/** Maps a new product to a sandbox catalogue entry for one shop, by SKU, product or variation. */
export async function mapProduct(
  server: TestServer,
  shopId: string,
  by: { sku?: string; productId?: number; variationId?: number },
  supplierProductId = "SBX-STARFIELD-EU",
) {
  const prisma = server.platform.db.prisma;
  const product = await prisma.product.create({
    data: {
      accountId: server.demo.account_id,
      name: `Woo product ${by.sku ?? by.variationId ?? by.productId}`,
      offers: { create: { supplier: "sandbox", supplierProductId } },
    },
  });
  await prisma.productMapping.create({
    data: {
      shopId,
      productId: product.id,
      sku: by.sku,
      externalProductId: by.productId === undefined ? undefined : String(by.productId),
      externalVariantId: by.variationId === undefined ? undefined : String(by.variationId),
    },
  });
  return product;
}
