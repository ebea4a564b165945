import type { TestServer } from "./test-server.ts";

/** Maps a new product, by SKU on the WooCommerce demo shop, to a sandbox catalogue entry. */
export async function mapSandboxProduct(
  server: TestServer,
  sku: string,
  supplierProductId: string,
  maxCostMinor?: number,
) {
  const prisma = server.platform.db.prisma;
  const product = await prisma.product.create({
    data: {
      accountId: server.demo.account_id,
      name: `Test ${sku}`,
      sku,
      maxCostMinor,
      offers: { create: { supplier: "sandbox", supplierProductId } },
    },
  });
  await prisma.productMapping.create({
    data: { shopId: server.demo.shops.woocommerce.id, productId: product.id, sku },
  });
  return product;
}

/** A paid WooCommerce order of one line: `quantity` units of the product with this SKU. */
export function wooOrderFor(id: number, sku: string, quantity = 1, unitPrice = "20.00") {
  return JSON.stringify({
    id,
    number: String(id),
    status: "processing",
    currency: "EUR",
    total: (Number(unitPrice) * quantity).toFixed(2),
    date_paid_gmt: "2026-07-14T09:31:04",
    date_modified_gmt: "2026-07-14T09:31:05",
    billing: { first_name: "Ada", last_name: "Buyer", email: "ada.buyer@example.com" },
    line_items: [
      {
        id: id * 10,
        name: `Item ${sku}`,
        product_id: 999,
        variation_id: 0,
        quantity,
        sku,
        total: (Number(unitPrice) * quantity).toFixed(2),
        total_tax: "0.00",
      },
    ],
  });
}
