import { wooOrderFor } from "../support/catalogue.ts";
import { fixture, postShopify, postWoo } from "../support/shop-deliveries.ts";
import { waitFor, type TestServer } from "../support/test-server.ts";

/** A SKU no product is mapped to: a paid order for it waits, pending, for a mapping. */
export const UNMAPPED_SKU = "SDK-UNMAPPED-1";

export type SeededOrders = {
  /** Every order id, in the order the orders were placed. */
  all: string[];
  delivered: string[];
  /** The Shopify fixture's order (#1042: two lines, 1 and 3 units). */
  shopify: string;
  /** The WooCommerce fixture's unpaid order. */
  unpaid: string;
  /** Paid, for `UNMAPPED_SKU`. */
  unmapped: string;
};

/**
 * Orders placed the real way, through the signed shop webhooks: the Shopify fixture and
 * `extraPaid` WooCommerce orders (all delivered), one unpaid order and one paid order waiting for
 * a product mapping. Resolves once every one has settled.
 */
export async function seedOrders(server: TestServer, extraPaid = 4): Promise<SeededOrders> {
  const { shopify, woocommerce } = server.demo.shops;
  const post = async (response: Promise<Response>) => {
    const answer = await response;
    if (answer.status !== 200) throw new Error(`shop webhook answered ${answer.status}`);
  };

  await post(
    postShopify(shopify.webhook_url, shopify.webhook_secret, fixture("shopify/orders-paid.json")),
  );
  for (let i = 1; i <= extraPaid; i++) {
    await post(
      postWoo(
        woocommerce.webhook_url,
        woocommerce.webhook_secret,
        wooOrderFor(7000 + i, "STEAM-STARFIELD-EU", 1, "40.00"),
      ),
    );
  }
  await post(
    postWoo(
      woocommerce.webhook_url,
      woocommerce.webhook_secret,
      fixture("woocommerce/order-created-pending.json"),
      {
        topic: "order.created",
      },
    ),
  );
  await post(
    postWoo(
      woocommerce.webhook_url,
      woocommerce.webhook_secret,
      wooOrderFor(7999, UNMAPPED_SKU, 1, "40.00"),
    ),
  );

  const prisma = server.platform.db.prisma;
  const orders = await waitFor(
    async () => {
      const rows = await prisma.order.findMany({ orderBy: { createdAt: "asc" } });
      const settled = rows.filter((row) => ["delivered", "pending"].includes(row.status));
      return settled.length === extraPaid + 3 ? rows : undefined;
    },
    90_000,
    "seeded orders to settle",
  );

  const shopifyOrder = orders.find((order) => order.shopId === shopify.id);
  const unmapped = orders.find((order) => order.externalId === "7999");
  const unpaid = orders.find((order) => order.status === "pending" && order.externalId !== "7999");
  if (!shopifyOrder || !unmapped || !unpaid) throw new Error("seeded orders are missing");
  if (orders.some((order) => !["delivered", "pending"].includes(order.status))) {
    throw new Error("a seeded order did not settle as delivered or pending");
  }
  return {
    all: orders.map((order) => order.id),
    delivered: orders.filter((order) => order.status === "delivered").map((order) => order.id),
    shopify: shopifyOrder.id,
    unpaid: unpaid.id,
    unmapped: unmapped.id,
  };
}
